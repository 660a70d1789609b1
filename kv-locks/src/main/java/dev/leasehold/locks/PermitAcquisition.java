package dev.leasehold.locks;

import dev.leasehold.kv.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller's rounds to take a permit of a {@link Semaphore}, from the first until it holds a permit, gives
 * up or is cancelled. Rounds never overlap; between them it waits on the lock client's scheduler with
 * jittered backoff, never past the earliest store expiry of a held slot as far as the clocks tell, and a
 * release through the same semaphore wakes it at once.
 */
final class PermitAcquisition {
  private static final Logger log = LoggerFactory.getLogger(PermitAcquisition.class);

  private final LockClient client;
  private final Semaphore semaphore;
  private final LockOptions options;
  private final long startedAt;
  private final long maxWaitNanos;
  private final CompletableFuture<Permit> result = new CompletableFuture<>();
  private final Runnable clientClosed =
      () -> result.completeExceptionally(new IllegalStateException("lock client is closed"));

  // Guarded by this.
  private StoreUnavailableException lastFailure;
  private int waits;
  private boolean attempting;
  private boolean retryNow;
  private ScheduledFuture<?> nextRound;

  PermitAcquisition(LockClient client, Semaphore semaphore, LockOptions options) {
    this.client = client;
    this.semaphore = semaphore;
    this.options = options;
    this.startedAt = client.ticker().read();
    this.maxWaitNanos = options.maxWait().map(Acquisition::nanos).orElse(Long.MAX_VALUE);
    result.whenComplete((permit, failure) -> {
      client.removeOnClose(clientClosed);
      synchronized (this) {
        if (nextRound != null) {
          nextRound.cancel(false);
          nextRound = null;
        }
      }
    });
    // Closing the client shuts down the scheduler a sleeping round waits on: fail instead of sleeping forever.
    client.onClose(clientClosed);
  }

  /** Completes with the permit, or exceptionally; cancelling it abandons the acquisition. */
  CompletableFuture<Permit> result() {
    return result;
  }

  /**
   * Makes the next round, and either completes the result or schedules the round after it. Runs in the
   * caller's thread for the first round of a blocking acquire, on the scheduler otherwise.
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
      retryNow = false;
      nextRound = null;
    }
    Semaphore.Round round;
    try {
      round = semaphore.attempt();
      synchronized (this) {
        lastFailure = null;
      }
    } catch (StoreUnavailableException e) {
      log.debug("a round for a permit of semaphore '{}' got no answer; will retry", semaphore.name(), e);
      synchronized (this) {
        lastFailure = e;
      }
      round = new Semaphore.Round(null, null);
    } catch (RuntimeException fatal) {
      synchronized (this) {
        attempting = false;
      }
      result.completeExceptionally(fatal);
      return;
    }
    if (round.permit() != null) {
      synchronized (this) {
        attempting = false;
      }
      if (!result.complete(round.permit())) {
        round.permit().close();
      }
      return;
    }
    waitOrGiveUp(round.nextExpiry());
  }

  /**
   * A permit was released: if this acquisition sleeps, its next round starts now.
   *
   * @return whether it was sleeping and now runs; false if it is done, or in a round that will repeat
   */
  boolean wake() {
    synchronized (this) {
      if (result.isDone()) {
        return false;
      }
      if (attempting) {
        retryNow = true;
        return false;
      }
      if (nextRound == null || !nextRound.cancel(false)) {
        return false;
      }
      try {
        nextRound = client.schedule(this::run, 0);
        return true;
      } catch (RejectedExecutionException e) {
        nextRound = null;
      }
    }
    clientClosed.run();
    return false;
  }

  /** Stops the acquisition for a caller that no longer waits; a permit obtained meanwhile is released. */
  void abandon() {
    if (!result.cancel(false) && !result.isCompletedExceptionally()) {
      result.join().close();
    }
  }

  /** Ends a round without a permit; deciding in one block with it, a wake-up in between is not lost. */
  private void waitOrGiveUp(Instant nextExpiry) {
    long now = client.ticker().read();
    RuntimeException failure;
    synchronized (this) {
      attempting = false;
      if (result.isDone()) {
        return;
      }
      if (now - startedAt >= maxWaitNanos) {
        failure = new LockTimeoutException(semaphore.name(), options.maxWait().orElseThrow(), null, lastFailure);
      } else {
        try {
          nextRound = client.schedule(this::run, retryNow ? 0 : waitNanos(now, nextExpiry));
          return;
        } catch (RejectedExecutionException e) {
          failure = new IllegalStateException("lock client is closed", e);
        }
      }
    }
    result.completeExceptionally(failure);
  }

  /** Backoff with full jitter, but never past the first held slot's expiry as far as we can tell, nor the wait. */
  private long waitNanos(long now, Instant nextExpiry) {
    long wait = Acquisition.nanos(options.backoff().delay(++waits));
    if (nextExpiry != null) {
      // Only a hint: the clocks may disagree, and a record that outlives it just means another round.
      long untilExpiry = Acquisition.nanos(Duration.between(client.clock().instant(), nextExpiry));
      if (untilExpiry > 0) {
        wait = Math.min(wait, untilExpiry);
      }
    }
    return Math.min(wait, maxWaitNanos - (now - startedAt));
  }
}
