package dev.leasehold.locks.testkit;

import dev.leasehold.kv.Backoff;
import dev.leasehold.kv.Store;
import dev.leasehold.locks.LockOptions;
import java.time.Duration;

/**
 * What the lock contract tests need from the backend under test: a shared store on {@link FakeTime},
 * simulated processes using it, a store on real time for the tests where real concurrency is the point, and
 * the sizes of the heavier tests. Implemented by {@link LockContract}.
 */
public interface LockFixture {
  /** The lease length of {@link #options()}. */
  Duration LEASE = Duration.ofSeconds(10);

  /** The maximum clock skew of {@link #options()}. */
  Duration SKEW = Duration.ofSeconds(1);

  /** The backoff of {@link #options()}: short, so that waits stay well inside a lease. */
  Backoff BACKOFF = Backoff.exponential(Duration.ofMillis(10), Duration.ofSeconds(1));

  /**
   * The options most tests take locks with.
   *
   * @return a {@link #LEASE} lease, {@link #BACKOFF}, {@link #SKEW}, waiting forever, renewing automatically
   */
  default LockOptions options() {
    return LockOptions.lease(LEASE).backoff(BACKOFF).maxClockSkew(SKEW);
  }

  /**
   * The time every simulated process and the shared store run on.
   *
   * @return the fake time
   */
  FakeTime time();

  /**
   * The store shared by the simulated processes, as the test sees it: no faults, not counted.
   *
   * @return the store
   */
  Store store();

  /**
   * A new simulated process on the shared store and fake time, closed after the test.
   *
   * @param owner its owner id
   * @return the process
   */
  FakeProcess process(String owner);

  /**
   * A store on the system clock, for tests with real threads and real time; the same store for the whole
   * test, closed after it.
   *
   * @return the store
   */
  Store realTimeStore();

  /**
   * Closes a resource after the test, in reverse order of registration.
   *
   * @param resource the resource
   * @param <T> its type
   * @return the resource
   */
  <T extends AutoCloseable> T closeAfterTest(T resource);

  /**
   * How many times each of the sixteen threads of the mutual exclusion fuzz takes a lock.
   *
   * @return the rounds per thread
   */
  int fuzzRoundsPerThread();

  /**
   * How many leases one client holds at once in the scale test. They are 5-second leases, renewed every 1.7
   * seconds, so the backend must take well over half this many writes per second.
   *
   * @return the number of leases
   */
  int manyLeases();
}
