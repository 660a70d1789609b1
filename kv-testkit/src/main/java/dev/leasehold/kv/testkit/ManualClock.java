package dev.leasehold.kv.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that moves only when told to, so tests of expiry never sleep. Thread-safe.
 */
public final class ManualClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * A clock reading {@code start}.
   *
   * @param start the initial instant
   * @return the clock
   */
  public static ManualClock at(Instant start) {
    return new ManualClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /**
   * A clock reading the current system time, truncated to milliseconds. Backends whose server also applies
   * expiry by real time (DynamoDB's TTL) stay consistent with it as long as the clock only moves forward.
   *
   * @return the clock
   */
  public static ManualClock startingNow() {
    return at(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * Moves the clock forward.
   *
   * @param amount how far; not negative
   * @return the new reading
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  public Instant advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("a manual clock only moves forward, was " + amount);
    }
    return now.updateAndGet(t -> t.plus(amount));
  }

  /**
   * Sets the reading; may move backwards, to simulate a clock that was adjusted.
   *
   * @param instant the new reading
   */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The returned clock shares this clock's reading. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new ManualClock(now, zone);
  }

  @Override
  public String toString() {
    return "ManualClock[" + now.get() + "]";
  }
}
