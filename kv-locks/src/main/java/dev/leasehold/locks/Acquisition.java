package dev.leasehold.locks;

import dev.leasehold.kv.ConditionFailedException;
import dev.leasehold.kv.Entry;
import dev.leasehold.kv.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller's attempts to take one lock, from the first request until it holds a lease, gives up or is
 * cancelled.
 *
 * <p>Each attempt is one request: a create, or a compare-and-set over a holder this acquisition has seen
 * unchanged for a full lease length on its own ticker (a holder that stopped renewing, whatever the clocks
 * say). Between attempts it waits with jittered backoff, never longer than the holder can still hold the
 * lock as far as this acquisition can tell, and a release in the same client wakes it at once. Attempts never
 * overlap; waits run on the client's scheduler, so a waiting acquisition holds no thread.
 *
 * <p>A create whose answer was lost may still have been applied. Its nonce is remembered: a later attempt
 * that finds it adopts the record as its own lease, and an acquisition that ends without a lease deletes it,
 * so that nothing it wrote keeps others waiting.
 */
final class Acquisition {
  private static final Logger log = LoggerFactory.getLogger(Acquisition.class);

  private final LockClient client;
  private final String name;
  private final LockOptions options;
  private final long startedAt;
  private final long maxWaitNanos;
  private final CompletableFuture<StoreLease> result = new CompletableFuture<>();

  // Guarded by this. Attempts never overlap, so the attempting thread may also read them between blocks.
  private final Map<String, Long> unconfirmedWrites = new HashMap<>();
  private Observation observed;
  private LockInfo lastHolder;
  private StoreUnavailableException lastFailure;
  private int waits;
  private boolean attempting;
  private boolean retryNow;
  private ScheduledFuture<?> nextAttempt;

  Acquisition(LockClient client, String name, LockOptions options) {
    this.client = client;
    this.name = name;
    this.options = options;
    this.startedAt = client.ticker().read();
    this.maxWaitNanos = options.maxWait().map(Acquisition::nanos).orElse(Long.MAX_VALUE);
    client.waiters().add(name, this);
    result.whenComplete((lease, failure) -> {
      client.waiters().remove(name, this);
      if (result.isCancelled()) {
        cancelled();
      }
    });
  }

  /** Completes with the lease, or exceptionally; cancelling it abandons the acquisition. */
  CompletableFuture<StoreLease> result() {
    return result;
  }

  /** Makes exactly one attempt, in the calling thread, for {@code tryAcquire}. */
  LockAttempt attemptOnce() {
    StoreLease lease;
    try {
      lease = attempt();
    } catch (RuntimeException fatal) {
      result.completeExceptionally(fatal);
      throw fatal;
    }
    if (lease != null) {
      result.complete(lease);
      return LockAttempt.acquired(lease);
    }
    StoreUnavailableException failure;
    LockInfo holder;
    synchronized (this) {
      failure = lastFailure;
      holder = lastHolder;
    }
    if (failure != null) {
      result.completeExceptionally(failure);
      removeUnconfirmedWrites();
      throw failure;
    }
    result.cancel(false);
    return LockAttempt.held(holder);
  }

  /**
   * Makes the next attempt, and either completes the result or schedules the attempt after it. Runs in the
   * caller's thread for the first attempt of a blocking acquire, on the scheduler otherwise.
   */
  void run() {
    synchronized (this) {
      if (result.isDone()) {
        return;
      }
      if (attempting) {
        retryNow = true;
        return;
      }
      attempting = true;
      nextAttempt = null;
    }
    StoreLease lease;
    try {
      lease = attempt();
    } catch (RuntimeException fatal) {
      synchronized (this) {
        attempting = false;
      }
      removeUnconfirmedWrites();
      result.completeExceptionally(fatal);
      return;
    }
    if (lease == null) {
      waitOrGiveUp();
      return;
    }
    synchronized (this) {
      attempting = false;
    }
    if (!result.complete(lease)) {
      lease.close();
    }
  }

  /** A lease of this client on the lock was released: try again now instead of at the end of the wait. */
  void wake() {
    synchronized (this) {
      if (result.isDone()) {
        return;
      }
      if (attempting) {
        retryNow = true;
      } else if (nextAttempt != null && nextAttempt.cancel(false)) {
        try {
          nextAttempt = client.schedule(this::run, 0);
        } catch (RejectedExecutionException e) {
          result.completeExceptionally(new IllegalStateException("lock client is closed", e));
        }
      }
    }
  }

  /**
   * Stops the acquisition for a caller that no longer waits; a lease it obtained meanwhile is released.
   */
  void abandon() {
    if (!result.cancel(false) && !result.isCompletedExceptionally()) {
      result.join().close();
    }
  }

  /** One request; returns the lease, or null with the outcome recorded in the fields. */
  private StoreLease attempt() {
    Observation seen;
    synchronized (this) {
      seen = observed;
      retryNow = false;
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
      log.debug("attempt to acquire lock '{}' got no answer; will retry", name, e);
      synchronized (this) {
        unconfirmedWrites.put(record.nonce(), sentAt);
        lastFailure = e;
      }
      return null;
    } catch (ConditionFailedException e) {
      synchronized (this) {
        lastFailure = null;
      }
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
      retryNow = true;
    }
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
        retryNow = true;
        return null;
      }
      unconfirmedWrites.clear();
    }
    log.debug("adopted an acquisition of lock '{}' whose answer was lost", name);
    return client.started(new StoreLease(client, name, options, current.version(),
        holder.fencingToken(current), ourWrite));
  }

  /** Ends an attempt that got no lease; deciding in one block with it, a wake-up in between is not lost. */
  private void waitOrGiveUp() {
    long now = client.ticker().read();
    RuntimeException failure;
    synchronized (this) {
      attempting = false;
      if (result.isDone()) {
        failure = null;
      } else if (now - startedAt >= maxWaitNanos) {
        failure = new LockTimeoutException(name, options.maxWait().orElseThrow(), lastHolder, lastFailure);
      } else {
        try {
          nextAttempt = client.schedule(this::run, retryNow ? 0 : waitNanos(now));
          return;
        } catch (RejectedExecutionException e) {
          failure = new IllegalStateException("lock client is closed", e);
        }
      }
    }
    removeUnconfirmedWrites();
    if (failure != null) {
      result.completeExceptionally(failure);
    }
  }

  /** Backoff with full jitter, but never past the holder's end as far as we can tell, nor past the wait. */
  private long waitNanos(long now) {
    long wait = nanos(options.backoff().delay(++waits));
    // Waking at the holder's end is pointless while the store does not answer; past that end it would spin.
    if (observed != null && lastFailure == null) {
      wait = Math.min(wait, observed.remaining(now));
      Optional<Instant> expiry = observed.expiresAt();
      if (expiry.isPresent()) {
        // Only a hint: the clocks may disagree, and a record that outlives it just means another attempt.
        long untilExpiry = nanos(Duration.between(client.clock().instant(), expiry.get()));
        if (untilExpiry > 0) {
          wait = Math.min(wait, untilExpiry);
        }
      }
    }
    return Math.min(wait, maxWaitNanos - (now - startedAt));
  }

  private void cancelled() {
    boolean idle;
    synchronized (this) {
      if (nextAttempt != null) {
        nextAttempt.cancel(false);
        nextAttempt = null;
      }
      idle = !attempting;
    }
    // A running attempt cleans up after itself when it sees the result is done.
    if (idle) {
      boolean dirty;
      synchronized (this) {
        dirty = !unconfirmedWrites.isEmpty();
      }
      if (dirty) {
        try {
          client.schedule(this::removeUnconfirmedWrites, 0);
        } catch (RejectedExecutionException e) {
          removeUnconfirmedWrites();
        }
      }
    }
  }

  /** Deletes a record that one of our unanswered writes left, if it is still there. */
  private void removeUnconfirmedWrites() {
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

  /** Saturates instead of overflowing: waits beyond 292 years are forever. */
  static long nanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
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
