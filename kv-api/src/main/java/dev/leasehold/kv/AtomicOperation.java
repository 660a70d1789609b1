package dev.leasehold.kv;

import dev.leasehold.kv.spi.Check;
import dev.leasehold.kv.spi.Committer;
import dev.leasehold.kv.spi.KeyAction;
import dev.leasehold.kv.spi.Mutation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks and mutations on several keys that take effect all together or not at all; obtained from
 * {@link Store#atomic()}.
 *
 * <pre>{@code
 * CommitResult r = store.atomic()
 *     .check("account/alice", aliceVersion)
 *     .checkAbsent("account/carol")
 *     .set("account/alice", bytes)
 *     .delete("account/bob")
 *     .sum("stats/transfers", 1)
 *     .commit();
 * }</pre>
 *
 * <p>Every check is evaluated before any mutation; if one fails, {@link #commit()} returns a result with
 * {@code ok() == false} and nothing is written. Each key may carry at most one check and one mutation (a check
 * and a mutation on the same key form one action), and a commit may touch at most
 * {@link Limits#MAX_COMMIT_KEYS} distinct keys. Every mutated key gets a new version.
 *
 * <p>Counter mutations ({@link #sum}, {@link #min}, {@link #max}) work on signed 64-bit counters: an absent
 * key counts as the operand, the result is a counter without expiry ({@link Entry#asLong()}), and a sum that
 * overflows, or a counter mutation on a key that holds bytes, rejects the whole commit with
 * {@link CounterException}.
 *
 * <p>Input is validated as it is added, so bad input throws before anything is sent. An operation is
 * single-use and not thread-safe.
 */
public final class AtomicOperation {
  private final Committer committer;
  private final Map<String, Action> actions = new LinkedHashMap<>();
  private long valueBytes;
  private boolean committed;

  private AtomicOperation(Committer committer) {
    this.committer = committer;
  }

  /**
   * Creates an operation that hands its validated actions to {@code committer}; for {@link Store}
   * implementations.
   *
   * @param committer the backend that applies the commit
   * @return a new operation
   */
  public static AtomicOperation forCommitter(Committer committer) {
    return new AtomicOperation(Objects.requireNonNull(committer, "committer"));
  }

  /**
   * Requires the key's live entry to be at {@code version}.
   *
   * @param key the key
   * @param version the required version, positive
   * @return this operation
   * @throws InvalidKeyException if the key breaks the key rules
   * @throws IllegalArgumentException if the version is not positive or the key is already checked
   * @throws TooManyKeysException if the commit would touch more than {@link Limits#MAX_COMMIT_KEYS} keys
   */
  public AtomicOperation check(String key, long version) {
    Limits.checkVersion(version);
    return addCheck(key, new Check.HasVersion(version));
  }

  /**
   * Requires the key to have no live entry.
   *
   * @param key the key
   * @return this operation
   * @throws InvalidKeyException if the key breaks the key rules
   * @throws IllegalArgumentException if the key is already checked
   * @throws TooManyKeysException if the commit would touch more than {@link Limits#MAX_COMMIT_KEYS} keys
   */
  public AtomicOperation checkAbsent(String key) {
    return addCheck(key, new Check.Absent());
  }

  /**
   * Writes a value without expiry.
   *
   * @param key the key
   * @param value the value; copied
   * @return this operation
   * @throws InvalidKeyException if the key breaks the key rules
   * @throws InvalidValueException if the value is null or too large, or the commit's values exceed
   *     {@link Limits#MAX_COMMIT_BYTES}
   * @throws IllegalArgumentException if the key already has a mutation
   * @throws TooManyKeysException if the commit would touch more than {@link Limits#MAX_COMMIT_KEYS} keys
   */
  public AtomicOperation set(String key, byte[] value) {
    return set(key, value, WriteOptions.none());
  }

  /**
   * Writes a value.
   *
   * @param key the key
   * @param value the value; copied
   * @param options the expiry; {@link WriteOptions#keepTtl()} keeps the current entry's expiry
   * @return this operation
   * @throws InvalidKeyException if the key breaks the key rules
   * @throws InvalidValueException if the value is null or too large, or the commit's values exceed
   *     {@link Limits#MAX_COMMIT_BYTES}
   * @throws IllegalArgumentException if the key already has a mutation
   * @throws TooManyKeysException if the commit would touch more than {@link Limits#MAX_COMMIT_KEYS} keys
   */
  public AtomicOperation set(String key, byte[] value, WriteOptions options) {
    Limits.checkValue(value);
    Objects.requireNonNull(options, "options");
    if (valueBytes + value.length > Limits.MAX_COMMIT_BYTES) {
      throw new InvalidValueException("the commit's values would total " + (valueBytes + value.length)
          + " bytes; the limit is " + Limits.MAX_COMMIT_BYTES + " (Limits.MAX_COMMIT_BYTES)");
    }
    addMutation(key, new Mutation.SetValue(value.clone(), options));
    valueBytes += value.length;
    return this;
  }

  /**
   * Deletes the key; nothing happens to a key without a live entry.
   *
   * @param key the key
   * @return this operation
   * @throws InvalidKeyException if the key breaks the key rules
   * @throws IllegalArgumentException if the key already has a mutation
   * @throws TooManyKeysException if the commit would touch more than {@link Limits#MAX_COMMIT_KEYS} keys
   */
  public AtomicOperation delete(String key) {
    return addMutation(key, new Mutation.Delete());
  }

  /**
   * Adds {@code operand} to the key's counter (an absent key becomes {@code operand}).
   *
   * @param key the key
   * @param operand the amount to add, may be negative
   * @return this operation
   * @throws InvalidKeyException if the key breaks the key rules
   * @throws IllegalArgumentException if the key already has a mutation
   * @throws TooManyKeysException if the commit would touch more than {@link Limits#MAX_COMMIT_KEYS} keys
   */
  public AtomicOperation sum(String key, long operand) {
    return addMutation(key, new Mutation.Sum(operand));
  }

  /**
   * Sets the key's counter to the smaller of its value and {@code operand} (an absent key becomes
   * {@code operand}).
   *
   * @param key the key
   * @param operand the bound
   * @return this operation
   * @throws InvalidKeyException if the key breaks the key rules
   * @throws IllegalArgumentException if the key already has a mutation
   * @throws TooManyKeysException if the commit would touch more than {@link Limits#MAX_COMMIT_KEYS} keys
   */
  public AtomicOperation min(String key, long operand) {
    return addMutation(key, new Mutation.Min(operand));
  }

  /**
   * Sets the key's counter to the larger of its value and {@code operand} (an absent key becomes
   * {@code operand}).
   *
   * @param key the key
   * @param operand the bound
   * @return this operation
   * @throws InvalidKeyException if the key breaks the key rules
   * @throws IllegalArgumentException if the key already has a mutation
   * @throws TooManyKeysException if the commit would touch more than {@link Limits#MAX_COMMIT_KEYS} keys
   */
  public AtomicOperation max(String key, long operand) {
    return addMutation(key, new Mutation.Max(operand));
  }

  /**
   * Applies the operation. An operation without actions commits trivially without contacting the backend.
   *
   * @return {@code ok} when applied; not {@code ok}, with the failed checks, when a check failed and nothing
   *     was written
   * @throws CounterException if a counter mutation overflows or meets a key holding bytes (nothing written)
   * @throws InvalidTtlException if an expiry is not in the future (nothing sent)
   * @throws StoreException if the backend fails (nothing written)
   * @throws IllegalStateException if the operation was already committed
   */
  public CommitResult commit() {
    if (committed) {
      throw new IllegalStateException("an atomic operation commits once");
    }
    committed = true;
    if (actions.isEmpty()) {
      return CommitResult.committed();
    }
    List<KeyAction> list = new ArrayList<>(actions.size());
    actions.forEach((key, a) -> list.add(new KeyAction(key, Optional.ofNullable(a.check),
        Optional.ofNullable(a.mutation))));
    return committer.commit(List.copyOf(list));
  }

  private AtomicOperation addCheck(String key, Check check) {
    Action action = action(key);
    if (action.check != null) {
      throw new IllegalArgumentException("key '" + key + "' is already checked in this operation");
    }
    action.check = check;
    return this;
  }

  private AtomicOperation addMutation(String key, Mutation mutation) {
    Action action = action(key);
    if (action.mutation != null) {
      throw new IllegalArgumentException("key '" + key + "' already has a mutation in this operation");
    }
    action.mutation = mutation;
    return this;
  }

  private Action action(String key) {
    if (committed) {
      throw new IllegalStateException("an atomic operation commits once");
    }
    Limits.checkKey(key);
    Action action = actions.get(key);
    if (action == null) {
      if (actions.size() == Limits.MAX_COMMIT_KEYS) {
        throw new TooManyKeysException("an atomic operation touches at most " + Limits.MAX_COMMIT_KEYS
            + " distinct keys (Limits.MAX_COMMIT_KEYS)");
      }
      action = new Action();
      actions.put(key, action);
    }
    return action;
  }

  private static final class Action {
    private Check check;
    private Mutation mutation;
  }
}
