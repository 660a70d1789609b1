package dev.leasehold.locks.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * A blocking call made in a daemon thread of its own, so that the test thread can advance fake time,
 * interrupt the call and check its outcome.
 *
 * @param <T> what the call returns
 */
final class BlockedCall<T> {
  private final CompletableFuture<T> outcome = new CompletableFuture<>();
  private final Thread thread;

  private BlockedCall(String name, Callable<T> call) {
    thread = new Thread(() -> {
      try {
        outcome.complete(call.call());
      } catch (Throwable t) {
        outcome.completeExceptionally(t);
      }
    }, name);
    thread.setDaemon(true);
  }

  /** Starts the call and returns once its thread waits, or the call is over. */
  static <T> BlockedCall<T> blockedIn(String name, Callable<T> call) {
    BlockedCall<T> blocked = new BlockedCall<>(name, call);
    blocked.thread.start();
    Await.until(name + " to block", Duration.ofSeconds(30), () -> blocked.outcome.isDone()
        || blocked.thread.getState() == Thread.State.WAITING
        || blocked.thread.getState() == Thread.State.TIMED_WAITING);
    return blocked;
  }

  void interrupt() {
    thread.interrupt();
  }

  /** The call's outcome: what it returned, or what it threw. */
  CompletableFuture<T> outcome() {
    return outcome;
  }
}
