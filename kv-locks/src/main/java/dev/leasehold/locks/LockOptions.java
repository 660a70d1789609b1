package dev.leasehold.locks;

import dev.leasehold.kv.Backoff;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * How to take a lock: the lease length, how long to wait, how to back off, the data to publish with the
 * lease, whether to renew automatically, and how far clocks may disagree. Immutable; every {@code with}
 * method returns a new instance.
 *
 * <pre>{@code
 * LockOptions options = LockOptions.lease(Duration.ofSeconds(10))
 *     .waitAtMost(Duration.ofSeconds(30))
 *     .data("host-a".getBytes(UTF_8));
 * }</pre>
 *
 * <p>Defaults besides the lease length: wait forever, {@link #DEFAULT_BACKOFF}, no data, automatic renewal,
 * {@link #DEFAULT_MAX_CLOCK_SKEW}. Every value is validated when it is set, so bad options fail before any
 * request is sent.
 */
public final class LockOptions {
  /** Shortest lease length accepted. */
  public static final Duration MIN_LEASE = Duration.ofMillis(1);

  /** Longest lease length accepted. */
  public static final Duration MAX_LEASE = Duration.ofDays(7);

  /** Largest clock skew accepted. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);

  /**
   * Most bytes of {@link #data(byte[]) data} a lease may carry. Every renewal rewrites them, so they are
   * meant for a little metadata (a host name, an address), not a payload.
   */
  public static final int MAX_DATA_BYTES = 64 * 1024;

  /** The backoff between attempts unless set otherwise: 20 ms growing to at most 2 s, with full jitter. */
  public static final Backoff DEFAULT_BACKOFF = Backoff.exponential(Duration.ofMillis(20), Duration.ofSeconds(2));

  /** The clock skew tolerated unless set otherwise: one second. */
  public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofSeconds(1);

  private static final byte[] NO_DATA = new byte[0];

  private final Duration leaseLength;
  private final Duration maxWait;
  private final Backoff backoff;
  private final byte[] data;
  private final boolean autoRenewal;
  private final Duration maxClockSkew;

  private LockOptions(Duration leaseLength, Duration maxWait, Backoff backoff, byte[] data, boolean autoRenewal,
      Duration maxClockSkew) {
    this.leaseLength = leaseLength;
    this.maxWait = maxWait;
    this.backoff = backoff;
    this.data = data;
    this.autoRenewal = autoRenewal;
    this.maxClockSkew = maxClockSkew;
  }

  /**
   * Options for leases of the given length, with every other setting at its default.
   *
   * @param leaseLength how long a lease lasts without renewal, between {@link #MIN_LEASE} and
   *     {@link #MAX_LEASE}
   * @return the options
   * @throws NullPointerException if {@code leaseLength} is null
   * @throws IllegalArgumentException if {@code leaseLength} is out of range
   */
  public static LockOptions lease(Duration leaseLength) {
    Objects.requireNonNull(leaseLength, "leaseLength");
    if (leaseLength.compareTo(MIN_LEASE) < 0 || leaseLength.compareTo(MAX_LEASE) > 0) {
      throw new IllegalArgumentException(
          "lease length must be between " + MIN_LEASE + " and " + MAX_LEASE + ", was " + leaseLength);
    }
    return new LockOptions(leaseLength, null, DEFAULT_BACKOFF, NO_DATA, true, DEFAULT_MAX_CLOCK_SKEW);
  }

  /**
   * Wait at most {@code maxWait} for a held lock; {@link Duration#ZERO} is the same as {@link #noWait()}.
   *
   * @param maxWait how long {@code acquire} may wait, zero or positive
   * @return new options
   * @throws NullPointerException if {@code maxWait} is null
   * @throws IllegalArgumentException if {@code maxWait} is negative
   */
  public LockOptions waitAtMost(Duration maxWait) {
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
    }
    return new LockOptions(leaseLength, maxWait, backoff, data, autoRenewal, maxClockSkew);
  }

  /**
   * Wait until the lock is acquired, the caller is interrupted or the attempt is cancelled (the default).
   *
   * @return new options
   */
  public LockOptions waitForever() {
    return new LockOptions(leaseLength, null, backoff, data, autoRenewal, maxClockSkew);
  }

  /**
   * Make one attempt and fail at once if the lock is held.
   *
   * @return new options
   */
  public LockOptions noWait() {
    return waitAtMost(Duration.ZERO);
  }

  /**
   * The backoff between attempts while waiting, and between retries of renewals and releases the store did
   * not answer. A wait is never longer than the holder's remaining lease as far as the waiter can tell.
   *
   * @param backoff the backoff
   * @return new options
   * @throws NullPointerException if {@code backoff} is null
   */
  public LockOptions backoff(Backoff backoff) {
    return new LockOptions(leaseLength, maxWait, Objects.requireNonNull(backoff, "backoff"), data, autoRenewal,
        maxClockSkew);
  }

  /**
   * Data published with the lease: {@link LockClient#holder(String)} shows it to everyone.
   *
   * @param data at most {@link #MAX_DATA_BYTES} bytes; copied
   * @return new options
   * @throws NullPointerException if {@code data} is null
   * @throws IllegalArgumentException if {@code data} is longer than {@link #MAX_DATA_BYTES}
   */
  public LockOptions data(byte[] data) {
    Objects.requireNonNull(data, "data");
    if (data.length > MAX_DATA_BYTES) {
      throw new IllegalArgumentException(
          "lock data is " + data.length + " bytes; the limit is " + MAX_DATA_BYTES + " (LockOptions.MAX_DATA_BYTES)");
    }
    return new LockOptions(leaseLength, maxWait, backoff, data.clone(), autoRenewal, maxClockSkew);
  }

  /**
   * Renew leases in the background every third of the lease length until they are released (the default).
   *
   * @return new options
   */
  public LockOptions autoRenewal() {
    return new LockOptions(leaseLength, maxWait, backoff, data, true, maxClockSkew);
  }

  /**
   * Never renew in the background: the holder calls {@link Lease#renew()} in time, or the lease expires.
   *
   * @return new options
   */
  public LockOptions manualRenewal() {
    return new LockOptions(leaseLength, maxWait, backoff, data, false, maxClockSkew);
  }

  /**
   * The most by which the clocks of any two clients, or of a client and the store, may disagree. A lock's
   * record lives this much longer in the store than its holder believes it holds the lock, so that a
   * waiter whose clock runs ahead cannot see the record expire while the holder still considers its lease
   * valid. Larger values delay the takeover of crashed holders by that much; skews beyond this bound void
   * the time-based guarantee, leaving the fencing token as the protection.
   *
   * @param maxClockSkew zero or positive, at most {@link #MAX_CLOCK_SKEW}
   * @return new options
   * @throws NullPointerException if {@code maxClockSkew} is null
   * @throws IllegalArgumentException if {@code maxClockSkew} is negative or too large
   */
  public LockOptions maxClockSkew(Duration maxClockSkew) {
    Objects.requireNonNull(maxClockSkew, "maxClockSkew");
    if (maxClockSkew.isNegative() || maxClockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
      throw new IllegalArgumentException(
          "maxClockSkew must be between zero and " + MAX_CLOCK_SKEW + ", was " + maxClockSkew);
    }
    return new LockOptions(leaseLength, maxWait, backoff, data, autoRenewal, maxClockSkew);
  }

  /**
   * How long a lease lasts without renewal.
   *
   * @return the lease length
   */
  public Duration leaseLength() {
    return leaseLength;
  }

  /**
   * How long {@code acquire} waits for a held lock.
   *
   * @return the longest wait, or empty to wait forever
   */
  public Optional<Duration> maxWait() {
    return Optional.ofNullable(maxWait);
  }

  /**
   * The backoff between attempts.
   *
   * @return the backoff
   */
  public Backoff backoff() {
    return backoff;
  }

  /**
   * The data published with the lease.
   *
   * @return a copy of the data; empty when none was set
   */
  public byte[] data() {
    return data.clone();
  }

  /**
   * Whether leases are renewed in the background.
   *
   * @return true for automatic renewal
   */
  public boolean renewsAutomatically() {
    return autoRenewal;
  }

  /**
   * The clock skew tolerated.
   *
   * @return the skew
   */
  public Duration maxClockSkew() {
    return maxClockSkew;
  }

  /** The data without copying it; the caller must not modify it. */
  byte[] sharedData() {
    return data;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LockOptions other
        && leaseLength.equals(other.leaseLength)
        && Objects.equals(maxWait, other.maxWait)
        && backoff.equals(other.backoff)
        && Arrays.equals(data, other.data)
        && autoRenewal == other.autoRenewal
        && maxClockSkew.equals(other.maxClockSkew);
  }

  @Override
  public int hashCode() {
    return Objects.hash(leaseLength, maxWait, backoff, autoRenewal, maxClockSkew) * 31 + Arrays.hashCode(data);
  }

  /** Describes the options; the data is shown by its length only. */
  @Override
  public String toString() {
    return "LockOptions[lease=" + leaseLength
        + ", wait=" + (maxWait == null ? "forever" : maxWait)
        + ", " + backoff
        + ", data=" + data.length + " bytes"
        + ", renewal=" + (autoRenewal ? "automatic" : "manual")
        + ", maxClockSkew=" + maxClockSkew + "]";
  }
}
