package dev.leasehold.kv.spi;

import dev.leasehold.kv.CommitResult;
import java.util.List;

/** The backend half of an {@link dev.leasehold.kv.AtomicOperation}: applies a validated commit. */
@FunctionalInterface
public interface Committer {
  /**
   * Applies the actions all together or not at all.
   *
   * @param actions one action per distinct key, in the order keys were first named; at most
   *     {@link dev.leasehold.kv.Limits#MAX_COMMIT_KEYS}, never empty
   * @return {@link CommitResult#committed()} if every check held and every mutation was applied, otherwise a
   *     rejected result naming the failed checks, with nothing written
   * @throws dev.leasehold.kv.CounterException if a counter mutation cannot be applied (nothing written)
   * @throws dev.leasehold.kv.StoreException if the backend fails (nothing written)
   */
  CommitResult commit(List<KeyAction> actions);
}
