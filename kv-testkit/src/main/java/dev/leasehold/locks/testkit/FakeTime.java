package dev.leasehold.locks.testkit;

import dev.leasehold.kv.testkit.ManualClock;
import dev.leasehold.locks.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time that moves only when a test says so: a wall clock ({@link ManualClock}), a monotonic {@link Ticker}
 * and any number of {@link FakeScheduler}s whose tasks run, in the test's thread, when time reaches them.
 * With these injected into lock clients and stores, renewals, expiries, waits and takeovers happen exactly
 * when the test advances time, and never otherwise.
 *
 * <p>{@link #advance(Duration)} moves the clock and the ticker together; {@link #advanceTicker(Duration)}
 * leaves the wall clock standing, as if it ran slow, and {@link #clock()} can be moved alone to make it run
 * fast or jump. The ticker starts a minute before its {@code long} reading overflows, so code that compares
 * ticker readings with {@code <} instead of subtracting them fails its tests.
 *
 * <p>Tasks are run by whichever thread advances time, one at a time, in order of their due time (ties in
 * order of scheduling). Other threads may schedule tasks and read the time at any moment.
 */
public final class FakeTime {
  private static final long START = Long.MAX_VALUE - Duration.ofMinutes(1).toNanos();

  private final ManualClock clock = ManualClock.startingNow();
  private final AtomicLong nanos = new AtomicLong(START);
  private final AtomicLong sequence = new AtomicLong();
  private final List<FakeScheduler> schedulers = new CopyOnWriteArrayList<>();

  private FakeTime() {}

  /**
   * Time starting at the current system time, truncated to milliseconds.
   *
   * @return the time
   */
  public static FakeTime startingNow() {
    return new FakeTime();
  }

  /**
   * The wall clock; give it to stores, whose expiry it then decides.
   *
   * @return the clock
   */
  public ManualClock clock() {
    return clock;
  }

  /**
   * The monotonic ticker; give it to lock clients together with a scheduler from {@link #newScheduler()}.
   *
   * @return the ticker
   */
  public Ticker ticker() {
    return nanos::get;
  }

  /**
   * A new scheduler whose delays are measured on {@link #ticker()} and whose tasks run as time advances.
   * Give each simulated process its own, so that it can be paused alone.
   *
   * @return the scheduler
   */
  public FakeScheduler newScheduler() {
    FakeScheduler scheduler = new FakeScheduler(this);
    schedulers.add(scheduler);
    return scheduler;
  }

  /**
   * Moves the clock and the ticker forward together, running every task that falls due on the way at its due
   * time, including tasks those tasks schedule.
   *
   * @param amount how far; zero runs the tasks due now
   * @throws IllegalArgumentException if {@code amount} is negative
   * @throws AssertionError if a task threw; the rest of the advance happened first
   */
  public synchronized void advance(Duration amount) {
    run(amount, true);
  }

  /**
   * Moves only the ticker forward, running due tasks as {@link #advance(Duration)} does; the wall clock stands
   * still, so nothing expires in a store that uses it.
   *
   * @param amount how far
   * @throws IllegalArgumentException if {@code amount} is negative
   * @throws AssertionError if a task threw
   */
  public synchronized void advanceTicker(Duration amount) {
    run(amount, false);
  }

  /**
   * Runs the tasks due now, including tasks they schedule for now.
   *
   * @throws AssertionError if a task threw
   */
  public synchronized void runDue() {
    run(Duration.ZERO, true);
  }

  long nanos() {
    return nanos.get();
  }

  long nextSequence() {
    return sequence.incrementAndGet();
  }

  private void run(Duration amount, boolean moveClock) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("time only moves forward, was " + amount);
    }
    long target = nanos.get() + amount.toNanos();
    List<Throwable> failures = new ArrayList<>();
    while (true) {
      FakeScheduler.Task<?> next = null;
      for (FakeScheduler scheduler : schedulers) {
        FakeScheduler.Task<?> due = scheduler.firstDue(target);
        if (due != null && (next == null || due.compareTo(next) < 0)) {
          next = due;
        }
      }
      if (next == null) {
        break;
      }
      moveTo(next.due(), moveClock);
      next.runNow().ifPresent(failures::add);
    }
    moveTo(target, moveClock);
    if (!failures.isEmpty()) {
      AssertionError error = new AssertionError(failures.size() + " scheduled task(s) threw", failures.get(0));
      failures.stream().skip(1).forEach(error::addSuppressed);
      throw error;
    }
  }

  private void moveTo(long due, boolean moveClock) {
    long delta = due - nanos.get();
    if (delta > 0) {
      nanos.addAndGet(delta);
      if (moveClock) {
        clock.advance(Duration.ofNanos(delta));
      }
    }
  }

  @Override
  public String toString() {
    return "FakeTime[" + clock.instant() + ", ticker=" + nanos.get() + "]";
  }
}
