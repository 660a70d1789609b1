package dev.leasehold.kv.spi;

import dev.leasehold.kv.AtomicOperation;
import dev.leasehold.kv.CommitResult;
import dev.leasehold.kv.Entry;
import dev.leasehold.kv.Limits;
import dev.leasehold.kv.ListOptions;
import dev.leasehold.kv.Page;
import dev.leasehold.kv.ReadOptions;
import dev.leasehold.kv.Store;
import dev.leasehold.kv.TooManyKeysException;
import dev.leasehold.kv.WriteOptions;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Base class for {@link Store} backends: validates every argument against {@link Limits} before delegating,
 * so all backends reject the same input with the same exceptions before any request is sent, and refuses
 * operations after {@link #close()}.
 *
 * <p>Subclasses implement the {@code do*} methods and receive only valid input: checked keys, values within
 * limits (the caller's array, which they must copy if they keep it), non-null options, expiries that
 * resolve to the future, positive versions.
 */
public abstract class AbstractStore implements Store {
  private final Clock clock;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Creates the store.
   *
   * @param clock the clock that judges expiry
   */
  protected AbstractStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The clock that judges expiry.
   *
   * @return the clock
   */
  protected final Clock clock() {
    return clock;
  }

  @Override
  public final Optional<Entry> get(String key, ReadOptions options) {
    checkOpen();
    Limits.checkKey(key);
    Objects.requireNonNull(options, "options");
    return doGet(key, options);
  }

  @Override
  public final Map<String, Entry> getAll(Collection<String> keys) {
    checkOpen();
    Objects.requireNonNull(keys, "keys");
    Set<String> distinct = new LinkedHashSet<>();
    for (String key : keys) {
      distinct.add(Limits.checkKey(key));
    }
    if (distinct.size() > Limits.MAX_BATCH_KEYS) {
      throw new TooManyKeysException("getAll reads at most " + Limits.MAX_BATCH_KEYS
          + " distinct keys (Limits.MAX_BATCH_KEYS), was " + distinct.size());
    }
    return distinct.isEmpty() ? Map.of() : Map.copyOf(doGetAll(List.copyOf(distinct)));
  }

  @Override
  public final Entry put(String key, byte[] value, WriteOptions options) {
    checkWrite(key, value, options);
    return doPut(key, value, options);
  }

  @Override
  public final Entry create(String key, byte[] value, WriteOptions options) {
    checkWrite(key, value, options);
    return doCreate(key, value, options);
  }

  @Override
  public final Entry update(String key, byte[] value, long expectedVersion, WriteOptions options) {
    checkWrite(key, value, options);
    Limits.checkVersion(expectedVersion);
    return doUpdate(key, value, expectedVersion, options);
  }

  @Override
  public final boolean delete(String key) {
    checkOpen();
    Limits.checkKey(key);
    return doDelete(key);
  }

  @Override
  public final void delete(String key, long expectedVersion) {
    checkOpen();
    Limits.checkKey(key);
    Limits.checkVersion(expectedVersion);
    doDelete(key, expectedVersion);
  }

  @Override
  public final boolean exists(String key) {
    checkOpen();
    Limits.checkKey(key);
    return doExists(key);
  }

  @Override
  public final Page list(String prefix, ListOptions options) {
    checkOpen();
    Limits.checkPrefix(prefix);
    Objects.requireNonNull(options, "options");
    Optional<String> after = options.cursor().map(cursor -> PageCursor.decode(cursor, prefix));
    return doList(prefix, after, options.limit(), options.isReverse());
  }

  @Override
  public final AtomicOperation atomic() {
    checkOpen();
    return AtomicOperation.forCommitter(actions -> {
      checkOpen();
      for (KeyAction action : actions) {
        action.mutation()
            .filter(Mutation.SetValue.class::isInstance)
            .ifPresent(m -> ((Mutation.SetValue) m).options().expiryAt(clock.instant()));
      }
      return doCommit(actions);
    });
  }

  /**
   * Closes the store: later operations throw {@link IllegalStateException}. Idempotent; calls
   * {@link #doClose()} once.
   */
  @Override
  public final void close() {
    if (closed.compareAndSet(false, true)) {
      doClose();
    }
  }

  /**
   * Reads a live entry.
   *
   * @param key a valid key
   * @param options the consistency
   * @return the live entry, or empty
   */
  protected abstract Optional<Entry> doGet(String key, ReadOptions options);

  /**
   * Reads live entries, as one snapshot where possible.
   *
   * @param keys 1 to {@link Limits#MAX_BATCH_KEYS} distinct valid keys
   * @return the live entries by key
   */
  protected abstract Map<String, Entry> doGetAll(List<String> keys);

  /**
   * Writes unconditionally.
   *
   * @param key a valid key
   * @param value a valid value; copy it to keep it
   * @param options the expiry
   * @return the written entry
   */
  protected abstract Entry doPut(String key, byte[] value, WriteOptions options);

  /**
   * Writes if there is no live entry.
   *
   * @param key a valid key
   * @param value a valid value; copy it to keep it
   * @param options the expiry
   * @return the written entry
   */
  protected abstract Entry doCreate(String key, byte[] value, WriteOptions options);

  /**
   * Writes if the live entry is at {@code expectedVersion}.
   *
   * @param key a valid key
   * @param value a valid value; copy it to keep it
   * @param expectedVersion a positive version
   * @param options the expiry
   * @return the written entry
   */
  protected abstract Entry doUpdate(String key, byte[] value, long expectedVersion, WriteOptions options);

  /**
   * Deletes whatever is there.
   *
   * @param key a valid key
   * @return whether a live entry was deleted
   */
  protected abstract boolean doDelete(String key);

  /**
   * Deletes if the live entry is at {@code expectedVersion}.
   *
   * @param key a valid key
   * @param expectedVersion a positive version
   */
  protected abstract void doDelete(String key, long expectedVersion);

  /**
   * Whether a live entry exists.
   *
   * @param key a valid key
   * @return true if it does
   */
  protected abstract boolean doExists(String key);

  /**
   * Lists one page.
   *
   * @param prefix a valid prefix, possibly empty
   * @param after the key the previous page ended with (exclusive bound), or empty for the first page
   * @param limit the page size, 1 to {@link Limits#MAX_LIST_LIMIT}
   * @param reverse whether to go in descending key order
   * @return the page, with a cursor made by {@link PageCursor#encode(String)} when more may follow
   */
  protected abstract Page doList(String prefix, Optional<String> after, int limit, boolean reverse);

  /**
   * Applies an atomic commit; see {@link Committer#commit(List)}.
   *
   * @param actions the validated actions
   * @return the result
   */
  protected abstract CommitResult doCommit(List<KeyAction> actions);

  /** Releases resources; called once by {@link #close()}. Does nothing by default. */
  protected void doClose() {}

  private void checkWrite(String key, byte[] value, WriteOptions options) {
    checkOpen();
    Limits.checkKey(key);
    Limits.checkValue(value);
    Objects.requireNonNull(options, "options").expiryAt(clock.instant());
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("store is closed");
    }
  }
}
