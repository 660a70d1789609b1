package dev.leasehold.locks;

import java.util.Optional;

/**
 * The outcome of {@link LockClient#tryAcquire(String, LockOptions)}: the lease, or who holds the lock, both
 * learned from the same single request.
 */
public final class LockAttempt {
  private final Lease lease;
  private final LockInfo holder;

  private LockAttempt(Lease lease, LockInfo holder) {
    this.lease = lease;
    this.holder = holder;
  }

  static LockAttempt acquired(Lease lease) {
    return new LockAttempt(lease, null);
  }

  static LockAttempt held(LockInfo holder) {
    return new LockAttempt(null, holder);
  }

  /**
   * Whether the lock was acquired.
   *
   * @return true if {@link #lease()} holds the lease
   */
  public boolean acquired() {
    return lease != null;
  }

  /**
   * The lease, which the caller must {@linkplain Lease#close() close}.
   *
   * @return the lease, or empty when the lock was held by another owner
   */
  public Optional<Lease> lease() {
    return Optional.ofNullable(lease);
  }

  /**
   * Who held the lock, as the failed request found it.
   *
   * @return the holder, or empty when the lock was acquired
   */
  public Optional<LockInfo> holder() {
    return Optional.ofNullable(holder);
  }

  @Override
  public String toString() {
    return lease != null ? "LockAttempt[acquired " + lease + "]" : "LockAttempt[held, " + holder + "]";
  }
}
