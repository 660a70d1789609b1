package dev.leasehold.kv;

import java.time.Instant;

/**
 * The limits every backend enforces, and the one validation path that enforces them.
 *
 * <p>They are chosen so that anything the in-memory backend accepts also fits DynamoDB (an item of at most
 * 400 KB, 100 actions and 4 MB per transaction), so code tested in memory does not fail in production.
 * Violations throw an {@link IllegalArgumentException} subclass naming the limit, before any request is
 * sent.
 */
public final class Limits {
  /** Longest key, in UTF-8 bytes. Keys are never empty. */
  public static final int MAX_KEY_BYTES = 1024;

  /** Largest value, in bytes (350 KiB): with its key and metadata it fits one 400 KB DynamoDB item. */
  public static final int MAX_VALUE_BYTES = 350 * 1024;

  /** Most distinct keys one atomic commit may touch (checks and mutations together). */
  public static final int MAX_COMMIT_KEYS = 100;

  /** Largest total of value bytes written by one atomic commit (3 MiB, under DynamoDB's 4 MB). */
  public static final int MAX_COMMIT_BYTES = 3 * 1024 * 1024;

  /** Most distinct keys one {@link Store#getAll} may read. */
  public static final int MAX_BATCH_KEYS = 100;

  /** Largest page size {@link ListOptions} accepts. */
  public static final int MAX_LIST_LIMIT = 1000;

  /** Latest expiry an entry may have: expiries must lie before this instant (the year 10000). */
  public static final Instant MAX_EXPIRY = Instant.parse("+10000-01-01T00:00:00Z");

  private Limits() {}

  /**
   * Checks an expected version: versions are positive.
   *
   * @param version the version
   * @throws IllegalArgumentException if it is not positive
   */
  public static void checkVersion(long version) {
    if (version <= 0) {
      throw new IllegalArgumentException("versions are positive, was " + version);
    }
  }

  /**
   * Checks a key against the key rules.
   *
   * @param key the key to check
   * @return the key, for chaining
   * @throws InvalidKeyException if the key is null, empty, longer than {@link #MAX_KEY_BYTES} UTF-8 bytes or
   *     contains an unpaired surrogate
   */
  public static String checkKey(String key) {
    if (key == null) {
      throw new InvalidKeyException("key must not be null");
    }
    if (key.isEmpty()) {
      throw new InvalidKeyException("key must not be empty");
    }
    checkUtf8("key", key);
    return key;
  }

  /**
   * Checks a list prefix: like a key, except that the empty prefix (everything) is allowed.
   *
   * @param prefix the prefix to check
   * @return the prefix, for chaining
   * @throws InvalidKeyException if the prefix is null, longer than {@link #MAX_KEY_BYTES} UTF-8 bytes or
   *     contains an unpaired surrogate
   */
  public static String checkPrefix(String prefix) {
    if (prefix == null) {
      throw new InvalidKeyException("prefix must not be null");
    }
    checkUtf8("prefix", prefix);
    return prefix;
  }

  /**
   * Checks a value against {@link #MAX_VALUE_BYTES}.
   *
   * @param value the value to check
   * @return the value, for chaining
   * @throws InvalidValueException if the value is null or too large
   */
  public static byte[] checkValue(byte[] value) {
    if (value == null) {
      throw new InvalidValueException("value must not be null");
    }
    if (value.length > MAX_VALUE_BYTES) {
      throw new InvalidValueException(
          "value is " + value.length + " bytes; the limit is " + MAX_VALUE_BYTES + " (Limits.MAX_VALUE_BYTES)");
    }
    return value;
  }

  /**
   * Checks an expiry against the store's current time.
   *
   * @param expiresAt when the entry would expire
   * @param now the store's current time
   * @return the expiry, for chaining
   * @throws InvalidTtlException if the expiry is not after {@code now} or not before {@link #MAX_EXPIRY}
   */
  public static Instant checkExpiry(Instant expiresAt, Instant now) {
    if (!expiresAt.isAfter(now)) {
      throw new InvalidTtlException("expiry must be after the store's current time");
    }
    if (!expiresAt.isBefore(MAX_EXPIRY)) {
      throw new InvalidTtlException("expiry must be before " + MAX_EXPIRY + " (Limits.MAX_EXPIRY)");
    }
    return expiresAt;
  }

  /**
   * The length of a string in UTF-8, computed without encoding it.
   *
   * @param s a string without unpaired surrogates
   * @return its UTF-8 length in bytes
   */
  static int utf8Length(String s) {
    int bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private static void checkUtf8(String what, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidKeyException(what + " contains an unpaired surrogate at index " + i);
      }
    }
    int length = utf8Length(s);
    if (length > MAX_KEY_BYTES) {
      throw new InvalidKeyException(
          what + " is " + length + " UTF-8 bytes; the limit is " + MAX_KEY_BYTES + " (Limits.MAX_KEY_BYTES)");
    }
  }
}
