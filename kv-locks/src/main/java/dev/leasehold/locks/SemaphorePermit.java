package dev.leasehold.locks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** A permit of a {@link Semaphore}: its slot's lease, whose release wakes the semaphore's local waiters. */
final class SemaphorePermit implements Permit {
  private final Semaphore semaphore;
  private final int slot;
  private final Lease lease;
  private final AtomicBoolean closed = new AtomicBoolean();

  SemaphorePermit(Semaphore semaphore, int slot, Lease lease) {
    this.semaphore = semaphore;
    this.slot = slot;
    this.lease = lease;
  }

  @Override
  public int slot() {
    return slot;
  }

  @Override
  public String name() {
    return lease.name();
  }

  @Override
  public long fencingToken() {
    return lease.fencingToken();
  }

  @Override
  public boolean isValid() {
    return lease.isValid();
  }

  @Override
  public Duration remaining() {
    return lease.remaining();
  }

  @Override
  public Duration leaseLength() {
    return lease.leaseLength();
  }

  @Override
  public byte[] data() {
    return lease.data();
  }

  @Override
  public void renew() throws InterruptedException {
    lease.renew();
  }

  @Override
  public void stopRenewal() {
    lease.stopRenewal();
  }

  @Override
  public CompletableFuture<LossReason> lost() {
    return lease.lost();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      lease.close();
      semaphore.released();
    }
  }

  @Override
  public String toString() {
    return "Permit[semaphore=" + semaphore.name() + ", slot=" + slot + ", " + lease + "]";
  }
}
