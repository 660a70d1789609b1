package dev.leasehold.kv;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded value with the version and expiry of the entry it came from; see {@link TypedStore}.
 *
 * @param key the key
 * @param value the decoded value
 * @param version the entry's version, for a later compare-and-set
 * @param expiresAt when the entry expires, or empty for never
 * @param <T> the value type
 */
public record Versioned<T>(String key, T value, long version, Optional<Instant> expiresAt) {
  /**
   * Creates a versioned value.
   *
   * @param key the key
   * @param value the value
   * @param version the version
   * @param expiresAt the expiry, if any
   */
  public Versioned {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
