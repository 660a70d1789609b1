package dev.leasehold.kv;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a written entry lives: forever ({@link #none()}), for a duration ({@link #ttl}), until an instant
 * ({@link #expiresAt}), or as long as the entry it replaces ({@link #keepTtl()}). Immutable.
 *
 * <p>Expiry is judged by the store's {@link java.time.Clock} at millisecond precision (expiries are rounded up
 * to whole milliseconds, never down): an entry is live while the clock reads strictly before its expiry, and
 * once expired it is absent for every read and condition.
 */
public final class WriteOptions {
  private static final WriteOptions NONE = new WriteOptions(null, null, false);
  private static final WriteOptions KEEP_TTL = new WriteOptions(null, null, true);

  private final Duration ttl;
  private final Instant expiresAt;
  private final boolean keepTtl;

  private WriteOptions(Duration ttl, Instant expiresAt, boolean keepTtl) {
    this.ttl = ttl;
    this.expiresAt = expiresAt;
    this.keepTtl = keepTtl;
  }

  /**
   * No expiry: the entry lives until it is overwritten or deleted.
   *
   * @return the options
   */
  public static WriteOptions none() {
    return NONE;
  }

  /**
   * Expire the entry {@code ttl} after the write, measured by the store's clock.
   *
   * @param ttl how long the entry lives; positive
   * @return the options
   * @throws InvalidTtlException if {@code ttl} is null, zero or negative
   */
  public static WriteOptions ttl(Duration ttl) {
    if (ttl == null || ttl.isZero() || ttl.isNegative()) {
      throw new InvalidTtlException("ttl must be positive, was " + ttl);
    }
    return new WriteOptions(ttl, null, false);
  }

  /**
   * Expire the entry at an instant; the write is rejected if the instant is not after the store's clock.
   *
   * @param expiresAt when the entry expires
   * @return the options
   * @throws InvalidTtlException if {@code expiresAt} is null
   */
  public static WriteOptions expiresAt(Instant expiresAt) {
    if (expiresAt == null) {
      throw new InvalidTtlException("expiresAt must not be null");
    }
    return new WriteOptions(null, expiresAt, false);
  }

  /**
   * Keep the expiry of the entry being replaced (no expiry when there is none, as for a create).
   *
   * @return the options
   */
  public static WriteOptions keepTtl() {
    return KEEP_TTL;
  }

  /**
   * Whether the write keeps the expiry of the entry it replaces.
   *
   * @return true for {@link #keepTtl()}
   */
  public boolean keepsTtl() {
    return keepTtl;
  }

  /**
   * The expiry a write made at {@code now} gets, unless it {@linkplain #keepsTtl() keeps} the current one.
   *
   * @param now the store's current time
   * @return the expiry rounded up to whole milliseconds, or empty for no expiry (also for {@link #keepTtl()})
   * @throws InvalidTtlException if the expiry is not after {@code now} or too far in the future
   */
  public Optional<Instant> expiryAt(Instant now) {
    Instant at;
    if (ttl != null) {
      // Compared in whole seconds, so an absurd ttl is reported as beyond MAX_EXPIRY instead of overflowing;
      // Duration.between(now, MAX_EXPIRY) would overflow nanoseconds, and throws and catches internally.
      at = ttl.getSeconds() < now.until(Limits.MAX_EXPIRY, ChronoUnit.SECONDS) ? now.plus(ttl) : Limits.MAX_EXPIRY;
    } else if (expiresAt != null) {
      at = expiresAt;
    } else {
      return Optional.empty();
    }
    // Rounded up, so an entry never expires before it was asked to: a lease record must outlive its lease.
    Limits.checkExpiry(at, now);
    Instant millis = at.truncatedTo(ChronoUnit.MILLIS);
    return Optional.of(millis.isBefore(at) ? Limits.checkExpiry(millis.plusMillis(1), now) : millis);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WriteOptions other
        && keepTtl == other.keepTtl
        && Objects.equals(ttl, other.ttl)
        && Objects.equals(expiresAt, other.expiresAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ttl, expiresAt, keepTtl);
  }

  @Override
  public String toString() {
    if (ttl != null) {
      return "WriteOptions[ttl=" + ttl + "]";
    }
    if (expiresAt != null) {
      return "WriteOptions[expiresAt=" + expiresAt + "]";
    }
    return keepTtl ? "WriteOptions[keepTtl]" : "WriteOptions[none]";
  }
}
