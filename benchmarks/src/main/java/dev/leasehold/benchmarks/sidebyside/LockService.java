package dev.leasehold.benchmarks.sidebyside;

/**
 * One process's lock client of one library, reduced to what the side-by-side needs, so that every scenario
 * runs the same code against every library. Thread-safe.
 */
interface LockService extends AutoCloseable {

  /**
   * Acquires a lock, waiting as long as it takes, the way the library's documentation recommends.
   *
   * @throws InterruptedException if the calling thread is interrupted while waiting
   * @throws UnsupportedOperationException if the library cannot wait and the lock is held
   */
  HeldLock acquire(String name) throws InterruptedException;

  /** Releases what the client still holds and stops its threads. */
  @Override
  void close();

  /** A lock this client holds. */
  interface HeldLock {

    /** Releases the lock. */
    void release();

    /** Whether the library still considers the lock held by this client (not expired, not lost). */
    boolean isHeld();
  }
}
