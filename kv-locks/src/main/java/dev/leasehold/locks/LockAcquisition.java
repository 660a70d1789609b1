package dev.leasehold.locks;

import dev.leasehold.kv.ConditionFailedException;
import dev.leasehold.kv.Entry;
import dev.leasehold.kv.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller's attempts to take one lock.
 *
 * <p>Each attempt is one request: a create, or a compare-and-set over a holder this acquisition has seen
 * unchanged for a full lease length on its own ticker (a holder that stopped renewing, whatever the clocks
 * say). Between attempts it waits no longer than the holder can still hold the lock as far as this
 * acquisition can tell, and a release in the same client wakes it at once.
 *
 * <p>A create whose answer was lost may still have been applied. Its nonce is remembered: a later attempt
 * that finds it adopts the record as its own lease, and an acquisition that ends without a lease deletes it,
 * so that nothing it wrote keeps others waiting.
 */
final class LockAcquisition extends Acquisition<Lease> {
  private static final Logger log = LoggerFactory.getLogger(LockAcquisition.class);

  private final String name;

  // Guarded by this. Attempts never overlap, so the attempting thread may also read them between blocks.
  private final Map<String, Long> unconfirmedWrites = new HashMap<>();
  private Observation observed;
  private LockInfo lastHolder;

  LockAcquisition(LockClient client, String name, LockOptions options) {
    super(client, options);
    this.name = name;
    client.waiters().add(name, this);
    result().whenComplete((lease, failure) -> client.waiters().remove(name, this));
  }

  @Override
  String name() {
    return name;
  }

  /** Makes exactly one attempt, in the calling thread, for {@code tryAcquire}. */
  LockAttempt attemptOnce() {
    StoreLease lease;
    try {
      lease = attempt();
    } catch (StoreUnavailableException unanswered) {
      removeLeftovers();
      result().completeExceptionally(unanswered);
      throw unanswered;
    } catch (RuntimeException fatal) {
      result().completeExceptionally(fatal);
      throw fatal;
    }
    if (lease != null) {
      result().complete(lease);
      return LockAttempt.acquired(lease);
    }
    result().cancel(false);
    synchronized (this) {
      return LockAttempt.held(lastHolder);
    }
  }

  /** One request; returns the lease, or null with what it saw recorded in the fields. */
  @Override
  StoreLease attempt() {
    Observation seen;
    synchronized (this) {
      seen = observed;
    }
    LockRecord record = LockRecord.acquiring(client.owner(), options);
    byte[] value = record.encode();
    long sentAt = client.ticker().read();
    boolean takeover = seen != null && seen.unchangedForItsLease(sentAt);
    Entry entry;
    try {
      entry = takeover
          ? client.store().update(name, value, seen.version(), client.recordTtl(options))
          : client.store().create(name, value, client.recordTtl(options));
    } catch (StoreUnavailableException e) {
      synchronized (this) {
        unconfirmedWrites.put(record.nonce(), sentAt);
        lastHolder = null;
      }
      throw e;
    } catch (ConditionFailedException e) {
      return e.current().isPresent() ? observe(e.current().get()) : vanished();
    }
    synchronized (this) {
      unconfirmedWrites.clear();
    }
    return client.started(new StoreLease(client, name, options, entry.version(), entry.version(), sentAt));
  }

  /** The record a takeover expected is gone: it expired or was released, so a create may now win. */
  private StoreLease vanished() {
    synchronized (this) {
      observed = null;
      lastHolder = null;
    }
    retryNow();
    return null;
  }

  /** Notes the current holder, or adopts the record when it is one of this acquisition's own writes. */
  private StoreLease observe(Entry current) {
    LockRecord holder = LockRecord.of(current);
    long now = client.ticker().read();
    long holderLease = nanos(Duration.ofMillis(holder.leaseMillis()));
    long ourWrite;
    synchronized (this) {
      Long ours = unconfirmedWrites.get(holder.nonce());
      if (ours == null) {
        lastHolder = holder.info(current);
        if (observed == null || observed.version() != current.version()) {
          observed = new Observation(current.version(), now, holderLease, current.expiresAt());
        }
        return null;
      }
      ourWrite = ours;
      if (now - ourWrite - holderLease >= 0) {
        // Our write landed but its lease is over: no one else holds it, so take it over at once.
        observed = new Observation(current.version(), now - holderLease, holderLease, current.expiresAt());
        retryNow();
        return null;
      }
      unconfirmedWrites.clear();
    }
    log.debug("adopted an acquisition of lock '{}' whose answer was lost", name);
    return client.started(new StoreLease(client, name, options, current.version(),
        holder.fencingToken(current), ourWrite));
  }

  /** Until the holder's lease ends, or its record expires if the clocks tell that is sooner. */
  @Override
  long blockedFor(long now) {
    if (observed == null) {
      return Long.MAX_VALUE;
    }
    long wait = observed.remaining(now);
    Optional<Instant> expiry = observed.expiresAt();
    if (expiry.isPresent()) {
      // Only a hint: the clocks may disagree, and a record that outlives it just means another attempt.
      long untilExpiry = nanos(Duration.between(client.clock().instant(), expiry.get()));
      if (untilExpiry > 0) {
        wait = Math.min(wait, untilExpiry);
      }
    }
    return wait;
  }

  @Override
  LockInfo lastHolder() {
    return lastHolder;
  }

  @Override
  synchronized boolean hasLeftovers() {
    return !unconfirmedWrites.isEmpty();
  }

  /** Deletes a record that one of our unanswered writes left, if it is still there. */
  @Override
  void removeLeftovers() {
    Map<String, Long> writes;
    synchronized (this) {
      if (unconfirmedWrites.isEmpty()) {
        return;
      }
      writes = Map.copyOf(unconfirmedWrites);
      unconfirmedWrites.clear();
    }
    try {
      Optional<Entry> current = client.store().get(name);
      if (current.isPresent() && writes.containsKey(LockRecord.of(current.get()).nonce())) {
        client.store().delete(name, current.get().version());
      }
    } catch (RuntimeException e) {
      log.debug("could not remove an unanswered write to lock '{}'; it expires by itself", name, e);
    }
  }

  /**
   * A holder's record as this acquisition first saw it at one version.
   *
   * @param firstSeenAt when a response first showed this version, read after the response arrived: the
   *     holder's lease on it started before, so it ends at the latest one holder lease length later
   */
  private record Observation(long version, long firstSeenAt, long leaseNanos, Optional<Instant> expiresAt) {

    boolean unchangedForItsLease(long now) {
      return now - firstSeenAt - leaseNanos >= 0;
    }

    long remaining(long now) {
      return Math.max(0, leaseNanos - (now - firstSeenAt));
    }
  }
}
