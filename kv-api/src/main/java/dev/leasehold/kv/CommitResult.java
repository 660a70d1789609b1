package dev.leasehold.kv;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link AtomicOperation#commit()}.
 *
 * @param ok true when every check held and every mutation was applied; false when a check failed, in which
 *     case nothing was written
 * @param conflicts for a failed commit, the checks that failed with each key's current entry (at least one;
 *     a backend may stop at the first failed check); empty when {@code ok}
 */
public record CommitResult(boolean ok, List<Conflict> conflicts) {
  private static final CommitResult COMMITTED = new CommitResult(true, List.of());

  /**
   * Creates a result.
   *
   * @param ok whether the commit was applied
   * @param conflicts the failed checks; copied; empty if and only if {@code ok}
   * @throws IllegalArgumentException if {@code conflicts} is empty for a failed commit or not for a
   *     successful one
   */
  public CommitResult {
    conflicts = List.copyOf(conflicts);
    if (ok != conflicts.isEmpty()) {
      throw new IllegalArgumentException("a commit fails exactly when it has conflicts");
    }
  }

  /**
   * The result of an applied commit.
   *
   * @return the result
   */
  public static CommitResult committed() {
    return COMMITTED;
  }

  /**
   * The result of a commit rejected by failed checks.
   *
   * @param conflicts the failed checks, at least one
   * @return the result
   */
  public static CommitResult rejected(List<Conflict> conflicts) {
    return new CommitResult(false, conflicts);
  }

  /**
   * A check that did not hold.
   *
   * @param key the checked key
   * @param current the key's live entry when the check was evaluated, or empty when absent
   */
  public record Conflict(String key, Optional<Entry> current) {
    /**
     * Creates a conflict.
     *
     * @param key the checked key
     * @param current the current entry, if any
     */
    public Conflict {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(current, "current");
    }
  }
}
