package dev.leasehold.locks;

/**
 * One of a {@link Semaphore}'s permits: a lease on one of the semaphore's slots, renewed, lost and released
 * as any {@link Lease}. Closing it releases the permit with one request and lets a waiter of the same
 * semaphore object in at once.
 *
 * <p>The fencing token belongs to the slot: the same for the whole permit, and strictly larger for every
 * later permit on the same slot. Tokens of different slots are unrelated and may even be equal, so a
 * resource fencing the holders of a semaphore keeps the largest token it has seen per {@link #slot()}.
 */
public interface Permit extends Lease {

  /**
   * The slot this permit holds.
   *
   * @return the slot, from zero to the semaphore's number of permits minus one
   */
  int slot();
}
