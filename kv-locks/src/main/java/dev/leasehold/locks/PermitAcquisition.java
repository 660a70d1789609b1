package dev.leasehold.locks;

import java.time.Duration;
import java.time.Instant;

/**
 * One caller's rounds to take a permit of a {@link Semaphore}. Between rounds it waits no longer than until
 * the earliest store expiry of a held slot as far as the clocks tell, and a release through the same
 * semaphore wakes it at once.
 */
final class PermitAcquisition extends Acquisition<Permit> {
  private final Semaphore semaphore;

  // Guarded by this.
  private Instant nextExpiry;

  PermitAcquisition(LockClient client, Semaphore semaphore, LockOptions options) {
    super(client, options);
    this.semaphore = semaphore;
  }

  @Override
  String name() {
    return semaphore.name();
  }

  /** One round of {@link Semaphore#attempt()}. */
  @Override
  Permit attempt() {
    Semaphore.Round round = semaphore.attempt();
    synchronized (this) {
      nextExpiry = round.nextExpiry();
    }
    return round.permit();
  }

  @Override
  long blockedFor(long now) {
    if (nextExpiry == null) {
      return Long.MAX_VALUE;
    }
    // Only a hint: the clocks may disagree, and a record that outlives it just means another round.
    long untilExpiry = nanos(Duration.between(client.clock().instant(), nextExpiry));
    return untilExpiry > 0 ? untilExpiry : Long.MAX_VALUE;
  }
}
