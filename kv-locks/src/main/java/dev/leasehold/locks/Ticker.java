package dev.leasehold.locks;

/**
 * A monotonic time source in nanoseconds, by which a {@link LockClient} measures lease deadlines and waits.
 * Unlike a wall clock it never jumps when the system time is adjusted, so a lease's local deadline cannot be
 * moved by NTP corrections or an operator changing the clock.
 *
 * <p>Readings have an arbitrary origin and may overflow: only differences between two readings of the same
 * ticker are meaningful, compared as {@code a - b < 0} rather than {@code a < b}, as for
 * {@link System#nanoTime()}. Tests substitute a ticker they move by hand.
 */
@FunctionalInterface
public interface Ticker {

  /**
   * The current reading.
   *
   * @return nanoseconds since an arbitrary, fixed origin; never decreasing
   */
  long read();

  /**
   * The system's monotonic clock, {@link System#nanoTime()}.
   *
   * @return the system ticker
   */
  static Ticker system() {
    return SystemTicker.INSTANCE;
  }
}
