package dev.leasehold.kv;

import dev.leasehold.kv.codec.Codec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One key's live state as read from a {@link Store}: its value, version and optional expiry. Immutable and
 * safe to share between threads.
 *
 * <p>An entry holds either bytes or a <em>counter</em> (a signed 64-bit integer written by the {@code sum},
 * {@code min} and {@code max} mutations of an {@link AtomicOperation}). A counter's {@link #value()} is its
 * decimal representation in ASCII, the form {@code Codec.longs()} reads.
 *
 * <p>{@link #toString()} never shows the value, so entries can be logged.
 */
public final class Entry {
  private final String key;
  private final byte[] value;
  private final long version;
  private final Instant expiresAt;
  private final boolean counter;

  private Entry(String key, byte[] value, long version, Instant expiresAt, boolean counter) {
    this.key = Objects.requireNonNull(key, "key");
    Limits.checkVersion(version);
    this.value = value;
    this.version = version;
    this.expiresAt = expiresAt;
    this.counter = counter;
  }

  /**
   * Creates an entry holding bytes; for {@link Store} implementations.
   *
   * @param key the key
   * @param value the value; copied
   * @param version the entry's version, positive
   * @param expiresAt when the entry expires, or empty for never
   * @return the entry
   * @throws IllegalArgumentException if the version is not positive
   */
  public static Entry of(String key, byte[] value, long version, Optional<Instant> expiresAt) {
    return new Entry(key, value.clone(), version, expiresAt.orElse(null), false);
  }

  /**
   * Creates an entry holding a counter; for {@link Store} implementations. Counters never expire.
   *
   * @param key the key
   * @param value the counter's value
   * @param version the entry's version, positive
   * @return the entry
   * @throws IllegalArgumentException if the version is not positive
   */
  public static Entry counter(String key, long value, long version) {
    return new Entry(key, Codec.longs().encode(value), version, null, true);
  }

  /**
   * The key.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * The value; a counter's value is its decimal form in ASCII.
   *
   * @return a fresh copy of the value, which the caller may modify
   */
  public byte[] value() {
    return value.clone();
  }

  /**
   * The size of the value, without copying it.
   *
   * @return the value's length in bytes
   */
  public int valueLength() {
    return value.length;
  }

  /**
   * The version: positive, and strictly greater than every version this key had before, including versions
   * it had before being deleted and created again. A version seen once never matches a later write.
   *
   * @return the version
   */
  public long version() {
    return version;
  }

  /**
   * When the entry stops being visible.
   *
   * @return the expiry instant, or empty when the entry does not expire
   */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /**
   * Whether the entry holds a counter written by {@code sum}, {@code min} or {@code max}.
   *
   * @return true for a counter
   */
  public boolean isCounter() {
    return counter;
  }

  /**
   * The counter's value.
   *
   * @return the signed 64-bit value
   * @throws IllegalStateException if the entry holds bytes rather than a counter
   */
  public long asLong() {
    if (!counter) {
      throw new IllegalStateException("entry '" + key + "' holds bytes, not a counter");
    }
    return Codec.longs().decode(value);
  }

  /**
   * Entries are equal when key, value, version, expiry and kind are equal.
   *
   * @param o the other object
   * @return whether they are equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Entry other
        && key.equals(other.key)
        && version == other.version
        && counter == other.counter
        && Objects.equals(expiresAt, other.expiresAt)
        && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, version, expiresAt, counter) * 31 + Arrays.hashCode(value);
  }

  /** Describes the entry without its value. */
  @Override
  public String toString() {
    return "Entry[key=" + key + ", version=" + version + (counter ? ", counter" : ", " + value.length + " bytes")
        + (expiresAt == null ? "" : ", expiresAt=" + expiresAt) + "]";
  }
}
