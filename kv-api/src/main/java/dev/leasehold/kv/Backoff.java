package dev.leasehold.kv;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with full jitter, for retrying contended or failed requests without
 * synchronising the retriers. Immutable.
 *
 * <p>The delay before retry {@code n} (1-based) is drawn uniformly between zero and
 * {@code min(max, 2 × initial × 2^(n-1))}, so its mean is {@code initial × 2^(n-1)} until the cap. The
 * capped exponential is Resilience4j's {@link IntervalFunction#ofExponentialBackoff}; the draw is uniform
 * over the whole window. (Resilience4j's randomized variant caps after drawing, so once its window passes the
 * cap most delays would equal the cap exactly and put retriers back in step.)
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  /** The upper end of each retry's window. */
  private final IntervalFunction windows;
  /**
   * Retries from this one on have the whole cap as their window; the interval function takes time linear in
   * the attempt number, so a waiter that retries for hours must not pay for its count.
   */
  private final int lastDistinctAttempt;

  private Backoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
    Duration first = initial.multipliedBy(2);
    this.windows = IntervalFunction.ofExponentialBackoff(first.compareTo(max) < 0 ? first : max, 2.0, max);
    double doublings = Math.log((double) max.toMillis() / initial.toMillis()) / Math.log(2);
    this.lastDistinctAttempt = 2 + (int) Math.ceil(doublings);
  }

  /**
   * Exponential backoff with full jitter.
   *
   * @param initial the mean delay before the first retry; at least one millisecond
   * @param max the longest delay; at least {@code initial}
   * @return the backoff
   * @throws IllegalArgumentException if {@code initial} is under a millisecond or {@code max} is shorter
   */
  public static Backoff exponential(Duration initial, Duration max) {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.toMillis() < 1) {
      throw new IllegalArgumentException("initial backoff must be at least 1 ms, was " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max backoff " + max + " is shorter than initial " + initial);
    }
    return new Backoff(initial, max);
  }

  /**
   * The mean delay before the first retry.
   *
   * @return the initial delay
   */
  public Duration initial() {
    return initial;
  }

  /**
   * The longest delay.
   *
   * @return the cap
   */
  public Duration max() {
    return max;
  }

  /**
   * A random delay before retry {@code attempt}.
   *
   * @param attempt the 1-based number of the retry
   * @return the delay, between zero and {@link #max()}
   * @throws IllegalArgumentException if {@code attempt} is less than 1
   */
  public Duration delay(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts count from 1, was " + attempt);
    }
    long window = windows.apply(Math.min(attempt, lastDistinctAttempt));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(window + 1));
  }

  /**
   * This backoff as a Resilience4j interval function, for a {@code RetryConfig}.
   *
   * @return the interval function (attempt number to milliseconds)
   */
  public IntervalFunction intervalFunction() {
    return attempt -> delay(attempt).toMillis();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Backoff other && initial.equals(other.initial) && max.equals(other.max);
  }

  @Override
  public int hashCode() {
    return Objects.hash(initial, max);
  }

  @Override
  public String toString() {
    return "Backoff[exponential, initial=" + initial + ", max=" + max + ", full jitter]";
  }
}
