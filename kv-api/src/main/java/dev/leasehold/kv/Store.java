package dev.leasehold.kv;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A key-value store bound to one bucket (namespace): versioned entries with compare-and-set, expiry and
 * atomic multi-key commits. Implementations are thread-safe.
 *
 * <h2>Keys, values, versions</h2>
 * Keys are non-empty strings of at most {@link Limits#MAX_KEY_BYTES} UTF-8 bytes without unpaired
 * surrogates; every other character, including {@code / # : " '}, spaces and emoji, round-trips unchanged.
 * Keys are ordered by their UTF-8 bytes (equivalently, by Unicode code point). Values are byte arrays of at
 * most {@link Limits#MAX_VALUE_BYTES}; the store keeps its own copy. Every write gives the key a new version
 * that is strictly greater than every version the key had before, including across delete and re-create,
 * so a version once observed never matches again.
 *
 * <h2>Expiry</h2>
 * A write may set an expiry ({@link WriteOptions}). The store's clock decides: from the expiry instant on,
 * the entry is absent for every read, listing and condition ({@code create} succeeds over it, a
 * compare-and-set on it fails with {@link KeyNotFoundException}).
 *
 * <h2>Failures</h2>
 * Bad input throws an {@link IllegalArgumentException} subclass before any request is sent. A failed
 * condition throws a {@link ConditionFailedException} carrying the current entry. Backend failures throw
 * {@link StoreUnavailableException} (throttling, timeouts, unavailability) or {@link StoreException}, with
 * the cause kept. A failed operation writes nothing, except that a {@link StoreUnavailableException} (a
 * timeout, say) may hide a write that did land; its new version then tells it apart from earlier writes.
 */
public interface Store extends AutoCloseable {

  /**
   * Reads a key with strong consistency.
   *
   * @param key the key
   * @return the live entry, or empty when the key is absent, deleted or expired
   * @throws InvalidKeyException if the key breaks the key rules
   * @throws StoreException if the backend fails
   */
  default Optional<Entry> get(String key) {
    return get(key, ReadOptions.strong());
  }

  /**
   * Reads a key.
   *
   * @param key the key
   * @param options the read consistency
   * @return the live entry, or empty when the key is absent, deleted or expired
   * @throws InvalidKeyException if the key breaks the key rules
   * @throws StoreException if the backend fails
   */
  Optional<Entry> get(String key, ReadOptions options);

  /**
   * Reads several keys with strong consistency, as one snapshot where the backend can take one.
   *
   * @param keys the keys; duplicates are read once; at most {@link Limits#MAX_BATCH_KEYS} distinct keys
   * @return the live entries by key; absent, deleted and expired keys are left out
   * @throws InvalidKeyException if a key breaks the key rules
   * @throws TooManyKeysException if there are more than {@link Limits#MAX_BATCH_KEYS} distinct keys
   * @throws StoreException if the backend fails
   */
  Map<String, Entry> getAll(Collection<String> keys);

  /**
   * Writes a key whatever its current state.
   *
   * @param key the key
   * @param value the value
   * @param options the expiry; {@link WriteOptions#keepTtl()} keeps the replaced entry's expiry
   * @return the written entry with its new version
   * @throws InvalidKeyException if the key breaks the key rules
   * @throws InvalidValueException if the value is null or too large
   * @throws InvalidTtlException if the expiry is not in the future
   * @throws StoreException if the backend fails
   */
  Entry put(String key, byte[] value, WriteOptions options);

  /**
   * Writes a key whatever its current state, without expiry.
   *
   * @param key the key
   * @param value the value
   * @return the written entry with its new version
   * @throws InvalidKeyException if the key breaks the key rules
   * @throws InvalidValueException if the value is null or too large
   * @throws StoreException if the backend fails
   */
  default Entry put(String key, byte[] value) {
    return put(key, value, WriteOptions.none());
  }

  /**
   * Writes a key only if it has no live entry (it may be absent, deleted or expired).
   *
   * @param key the key
   * @param value the value
   * @param options the expiry
   * @return the written entry with its new version
   * @throws KeyExistsException if the key has a live entry; {@link ConditionFailedException#current()} holds it
   * @throws InvalidKeyException if the key breaks the key rules
   * @throws InvalidValueException if the value is null or too large
   * @throws InvalidTtlException if the expiry is not in the future
   * @throws StoreException if the backend fails
   */
  Entry create(String key, byte[] value, WriteOptions options);

  /**
   * Writes a key without expiry, only if it has no live entry.
   *
   * @param key the key
   * @param value the value
   * @return the written entry with its new version
   * @throws KeyExistsException if the key has a live entry
   * @throws InvalidKeyException if the key breaks the key rules
   * @throws InvalidValueException if the value is null or too large
   * @throws StoreException if the backend fails
   */
  default Entry create(String key, byte[] value) {
    return create(key, value, WriteOptions.none());
  }

  /**
   * Replaces a key's value only if its live entry is at {@code expectedVersion} (compare-and-set).
   *
   * @param key the key
   * @param value the new value
   * @param expectedVersion the version the live entry must have
   * @param options the expiry; {@link WriteOptions#keepTtl()} keeps the current one
   * @return the written entry with its new version
   * @throws VersionMismatchException if the live entry has another version; {@code current()} holds it
   * @throws KeyNotFoundException if the key has no live entry
   * @throws InvalidKeyException if the key breaks the key rules
   * @throws InvalidValueException if the value is null or too large
   * @throws InvalidTtlException if the expiry is not in the future
   * @throws IllegalArgumentException if {@code expectedVersion} is not positive
   * @throws StoreException if the backend fails
   */
  Entry update(String key, byte[] value, long expectedVersion, WriteOptions options);

  /**
   * Replaces a key's value only if its live entry is at {@code expectedVersion}, keeping its expiry.
   *
   * @param key the key
   * @param value the new value
   * @param expectedVersion the version the live entry must have
   * @return the written entry with its new version
   * @throws VersionMismatchException if the live entry has another version
   * @throws KeyNotFoundException if the key has no live entry
   * @throws InvalidKeyException if the key breaks the key rules
   * @throws InvalidValueException if the value is null or too large
   * @throws IllegalArgumentException if {@code expectedVersion} is not positive
   * @throws StoreException if the backend fails
   */
  default Entry update(String key, byte[] value, long expectedVersion) {
    return update(key, value, expectedVersion, WriteOptions.keepTtl());
  }

  /**
   * Deletes a key whatever its state. Idempotent.
   *
   * @param key the key
   * @return true if a live entry was deleted, false if there was none
   * @throws InvalidKeyException if the key breaks the key rules
   * @throws StoreException if the backend fails
   */
  boolean delete(String key);

  /**
   * Deletes a key only if its live entry is at {@code expectedVersion}.
   *
   * @param key the key
   * @param expectedVersion the version the live entry must have
   * @throws VersionMismatchException if the live entry has another version; {@code current()} holds it
   * @throws KeyNotFoundException if the key has no live entry
   * @throws InvalidKeyException if the key breaks the key rules
   * @throws IllegalArgumentException if {@code expectedVersion} is not positive
   * @throws StoreException if the backend fails
   */
  void delete(String key, long expectedVersion);

  /**
   * Whether a key has a live entry (strongly consistent).
   *
   * @param key the key
   * @return true if the key has a live entry
   * @throws InvalidKeyException if the key breaks the key rules
   * @throws StoreException if the backend fails
   */
  boolean exists(String key);

  /**
   * Lists live entries whose keys start with {@code prefix}, in key order (or reverse key order), one page
   * at a time. A page holds {@code min(limit, remaining)} entries; follow {@link Page#cursor()} with
   * {@link ListOptions#after(String)} for the next page. Deleted and expired entries never appear.
   * Entries written while paging appear if their key lies beyond the cursor.
   *
   * @param prefix the key prefix; empty lists the whole bucket
   * @param options page size, cursor and direction
   * @return the page
   * @throws InvalidKeyException if the prefix is null, too long or has an unpaired surrogate
   * @throws IllegalArgumentException if the cursor was not issued for this prefix
   * @throws StoreException if the backend fails
   */
  Page list(String prefix, ListOptions options);

  /**
   * Lists every live entry whose key starts with {@code prefix}, in key order, fetching pages lazily as the
   * stream is consumed. The stream is not a snapshot: each page reflects the store when it is fetched.
   *
   * @param prefix the key prefix; empty scans the whole bucket
   * @return a sequential, ordered stream of entries
   * @throws InvalidKeyException if the prefix is null, too long or has an unpaired surrogate
   */
  default Stream<Entry> scan(String prefix) {
    Limits.checkPrefix(prefix);
    Iterator<Entry> entries = new Iterator<>() {
      private Iterator<Entry> page = List.<Entry>of().iterator();
      private Optional<String> cursor = Optional.empty();
      private boolean done;

      @Override
      public boolean hasNext() {
        while (!page.hasNext() && !done) {
          ListOptions options = ListOptions.builder()
              .limit(Limits.MAX_LIST_LIMIT).cursor(cursor.orElse(null)).build();
          Page next = list(prefix, options);
          page = next.entries().iterator();
          cursor = next.cursor();
          done = cursor.isEmpty();
        }
        return page.hasNext();
      }

      @Override
      public Entry next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.next();
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(
        entries, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT), false);
  }

  /**
   * Starts an atomic operation: checks and mutations on up to {@link Limits#MAX_COMMIT_KEYS} keys that
   * apply all together or not at all.
   *
   * @return a new, single-use operation builder
   */
  AtomicOperation atomic();

  /**
   * Releases the store's resources. Idempotent. A client the caller supplied (such as a DynamoDB client) is
   * not closed. Operations after close throw {@link IllegalStateException}.
   */
  @Override
  void close();
}
