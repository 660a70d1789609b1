package dev.leasehold.locks;

import java.util.Optional;

/**
 * A reusable handle on one lock name with fixed options, for code that locks and unlocks the same lock
 * repeatedly: {@code lock()}, work, {@code unlock()}, and {@code lock()} again, also after a lease was lost.
 * Obtained from {@link LockClient#locker(String, LockOptions)}.
 *
 * <p>Thread-safe, but meant for one thread of control at a time: {@link #lock()} holds the locker while it
 * waits, so {@link #unlock()} from another thread waits for it.
 */
public final class Locker {
  private final LockClient client;
  private final String name;
  private final LockOptions options;
  private Lease current;

  Locker(LockClient client, String name, LockOptions options) {
    this.client = client;
    this.name = name;
    this.options = options;
  }

  /**
   * The lock's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Acquires the lock, waiting as the options allow; see {@link LockClient#acquire(String, LockOptions)}.
   *
   * @return the new lease
   * @throws IllegalStateException if this locker holds a valid lease already
   * @throws LockTimeoutException if the lock was not acquired within the wait allowed
   * @throws InterruptedException if the calling thread is interrupted while waiting
   * @throws dev.leasehold.kv.StoreException if the store fails in a way retrying cannot fix
   */
  public synchronized Lease lock() throws InterruptedException {
    checkNotHeld();
    current = client.acquire(name, options);
    return current;
  }

  /**
   * Acquires the lock if it is free, with exactly one request; see
   * {@link LockClient#tryAcquire(String, LockOptions)}.
   *
   * @return the new lease, or empty when another owner holds the lock
   * @throws IllegalStateException if this locker holds a valid lease already
   * @throws dev.leasehold.kv.StoreException if the store fails
   */
  public synchronized Optional<Lease> tryLock() {
    checkNotHeld();
    Optional<Lease> lease = client.tryAcquire(name, options).lease();
    current = lease.orElse(null);
    return lease;
  }

  /** Releases the current lease, if any; see {@link Lease#close()}. Idempotent. */
  public synchronized void unlock() {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  /**
   * The lease this locker holds.
   *
   * @return the current lease if it is still {@linkplain Lease#isValid() valid}, else empty
   */
  public synchronized Optional<Lease> lease() {
    return Optional.ofNullable(current).filter(Lease::isValid);
  }

  private void checkNotHeld() {
    if (current != null && current.isValid()) {
      throw new IllegalStateException("this locker already holds lock '" + name + "'; unlock() it first");
    }
    unlock();
  }

  @Override
  public String toString() {
    return "Locker[" + name + "]";
  }
}
