package dev.leasehold.locks.testkit;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition another thread brings about, polling until a deadline instead of guessing a sleep. */
final class Await {
  private static final long FIRST_POLL_NANOS = Duration.ofMillis(1).toNanos();
  /** Conditions that read a slow store are not checked more often than this. */
  private static final long LONGEST_POLL_NANOS = Duration.ofMillis(50).toNanos();

  private Await() {}

  static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long poll = FIRST_POLL_NANOS;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("gave up after " + timeout + " waiting for " + what);
      }
      LockSupport.parkNanos(poll);
      poll = Math.min(poll * 2, LONGEST_POLL_NANOS);
    }
  }
}
