package dev.leasehold.locks;

import dev.leasehold.kv.StoreUnavailableException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller's attempts to take a lease (a lock, or a permit of a semaphore) from the first attempt until it
 * holds one, gives up or is cancelled.
 *
 * <p>Attempts never overlap. Between them the acquisition waits on the lock client's scheduler, so a waiting
 * acquisition holds no thread: backoff with full jitter, but never longer than what the last attempt saw can
 * still stand in the way, nor past the caller's wait. {@link #wake()} starts the next attempt at once; a
 * wake-up during an attempt makes the next one follow without a wait. Closing the lock client fails a waiting
 * acquisition with an {@link IllegalStateException}.
 *
 * @param <T> what it takes
 */
abstract class Acquisition<T extends Lease> {
  private static final Logger log = LoggerFactory.getLogger(Acquisition.class);

  final LockClient client;
  final LockOptions options;
  private final long startedAt;
  private final long maxWaitNanos;
  private final CompletableFuture<T> result = new CompletableFuture<>();
  private final Runnable clientClosed = () -> result.completeExceptionally(closed(null));

  // Guarded by this.
  private StoreUnavailableException lastFailure;
  private int waits;
  private boolean attempting;
  private boolean retryNow;
  private ScheduledFuture<?> nextAttempt;

  Acquisition(LockClient client, LockOptions options) {
    this.client = client;
    this.options = options;
    this.startedAt = client.ticker().read();
    this.maxWaitNanos = options.maxWait().map(Acquisition::nanos).orElse(Long.MAX_VALUE);
    result.whenComplete((taken, failure) -> ended());
  }

  /**
   * The name of the lock or semaphore, for timeouts and logs.
   *
   * @return the name
   */
  abstract String name();

  /**
   * Makes one attempt, in the calling thread.
   *
   * @return what it took, or null when it took nothing
   * @throws StoreUnavailableException if a request got no answer: the acquisition waits and tries again
   * @throws RuntimeException anything else, which ends the acquisition
   */
  abstract T attempt();

  /**
   * After an answered attempt that took nothing: how long, at most, what it saw can still stand in the way.
   * Called holding this object's monitor.
   *
   * @param now the ticker's reading
   * @return nanoseconds, or {@link Long#MAX_VALUE} when there is no telling
   */
  abstract long blockedFor(long now);

  /**
   * The holder the last attempt saw, named by a timeout. Called holding this object's monitor.
   *
   * @return the holder, or null when none is known
   */
  LockInfo lastHolder() {
    return null;
  }

  /** Whether unanswered attempts may have left writes that would stand in others' way. */
  boolean hasLeftovers() {
    return false;
  }

  /** Removes, best effort, what unanswered attempts may have written. Idempotent. */
  void removeLeftovers() {}

  /** For an attempt that learned the next one may succeed: it follows without a wait. */
  final synchronized void retryNow() {
    retryNow = true;
  }

  /** Completes with what was taken, or exceptionally; cancelling it abandons the acquisition. */
  final CompletableFuture<T> result() {
    return result;
  }

  /**
   * Acquires in the calling thread: the first attempt runs in it, later ones on the scheduler while it
   * waits.
   *
   * @throws InterruptedException if the thread is interrupted; nothing is held then
   */
  final T await() throws InterruptedException {
    client.onClose(clientClosed);
    if (Thread.interrupted()) {
      abandon();
      throw new InterruptedException();
    }
    run();
    try {
      return result.get();
    } catch (InterruptedException e) {
      abandon();
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Acquires on the scheduler, handing out a future the caller may cancel: cancelling abandons the
   * acquisition. The future completes on the client's callback executor; a lease that arrives after a cancel
   * is closed.
   */
  final CompletableFuture<T> async() {
    client.onClose(clientClosed);
    CompletableFuture<T> promise = new CompletableFuture<>();
    result.whenComplete((taken, failure) -> client.callback(() -> {
      if (failure != null) {
        promise.completeExceptionally(failure);
      } else if (!promise.complete(taken)) {
        taken.close();
      }
    }));
    promise.whenComplete((taken, failure) -> {
      if (promise.isCancelled()) {
        abandon();
      }
    });
    try {
      client.schedule(this::run, 0);
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(closed(e));
    }
    return promise;
  }

  /**
   * Makes the next attempt, and either completes the result or schedules the attempt after it. Runs in the
   * caller's thread for the first attempt of {@link #await()}, on the scheduler otherwise.
   */
  final void run() {
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
      nextAttempt = null;
    }
    T taken;
    try {
      taken = attempt();
      synchronized (this) {
        lastFailure = null;
      }
    } catch (StoreUnavailableException e) {
      log.debug("an attempt to take '{}' got no answer; will retry", name(), e);
      synchronized (this) {
        lastFailure = e;
      }
      taken = null;
    } catch (RuntimeException | Error fatal) {
      // On the scheduler nobody would see it: the caller's future must.
      end(fatal);
      return;
    }
    if (taken == null) {
      waitOrGiveUp();
      return;
    }
    synchronized (this) {
      attempting = false;
    }
    if (!result.complete(taken)) {
      taken.close();
    }
  }

  /**
   * Starts the next attempt now if the acquisition sleeps.
   *
   * @return whether it slept and now runs; false if it is done, or in an attempt that will be followed at once
   */
  final boolean wake() {
    RejectedExecutionException rejected;
    synchronized (this) {
      if (result.isDone()) {
        return false;
      }
      if (attempting) {
        retryNow = true;
        return false;
      }
      if (nextAttempt == null || !nextAttempt.cancel(false)) {
        return false;
      }
      try {
        nextAttempt = client.schedule(this::run, 0);
        return true;
      } catch (RejectedExecutionException e) {
        nextAttempt = null;
        rejected = e;
      }
    }
    result.completeExceptionally(closed(rejected));
    return false;
  }

  /** Stops the acquisition for a caller that no longer waits; a lease taken meanwhile is released. */
  final void abandon() {
    if (!result.cancel(false) && !result.isCompletedExceptionally()) {
      result.join().close();
    }
  }

  /** Ends an attempt that took nothing; deciding in one block with it, a wake-up in between is not lost. */
  private void waitOrGiveUp() {
    long now = client.ticker().read();
    RuntimeException failure;
    synchronized (this) {
      attempting = false;
      if (result.isDone()) {
        failure = null;
      } else if (now - startedAt >= maxWaitNanos) {
        failure = new LockTimeoutException(name(), options.maxWait().orElseThrow(), lastHolder(), lastFailure);
      } else {
        try {
          nextAttempt = client.schedule(this::run, retryNow ? 0 : waitNanos(now));
          return;
        } catch (RejectedExecutionException e) {
          failure = closed(e);
        }
      }
    }
    end(failure);
  }

  /** Ends the acquisition without a lease once no attempt runs; null when it has ended already. */
  private void end(Throwable failure) {
    synchronized (this) {
      attempting = false;
    }
    removeLeftovers();
    if (failure != null) {
      result.completeExceptionally(failure);
    }
  }

  private void ended() {
    client.removeOnClose(clientClosed);
    boolean idle;
    synchronized (this) {
      if (nextAttempt != null) {
        nextAttempt.cancel(false);
        nextAttempt = null;
      }
      idle = !attempting;
    }
    // A running attempt cleans up after itself when it sees the result is done; a canceller's thread must
    // not wait for requests, so the clean-up runs on the scheduler.
    if (idle && hasLeftovers()) {
      try {
        client.schedule(this::removeLeftovers, 0);
      } catch (RejectedExecutionException e) {
        removeLeftovers();
      }
    }
  }

  /** Backoff with full jitter, but never past what stands in the way as far as we can tell, nor the wait. */
  private long waitNanos(long now) {
    long wait = nanos(options.backoff().delay(++waits));
    // Waking when the holder is due is pointless while the store does not answer; past that it would spin.
    if (lastFailure == null) {
      wait = Math.min(wait, blockedFor(now));
    }
    return Math.min(wait, maxWaitNanos - (now - startedAt));
  }

  private static IllegalStateException closed(RejectedExecutionException cause) {
    return new IllegalStateException("lock client is closed", cause);
  }

  /** Saturates instead of overflowing: waits beyond 292 years are forever. */
  static long nanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
