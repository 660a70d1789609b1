package dev.leasehold.locks;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a listener's events one at a time, in the order they were added, on an executor that may be a
 * thread pool. Events are added under the lock that orders them and delivered after it is released, so a
 * listener running in the delivering thread never sees its source halfway through a change. An event that
 * throws is logged and does not stop the ones after it. If the executor rejects a delivery, it runs in the
 * delivering thread.
 */
final class ListenerEvents {
  private static final Logger log = LoggerFactory.getLogger(ListenerEvents.class);

  private final Executor executor;
  // Guarded by this.
  private final Queue<Runnable> events = new ArrayDeque<>();
  private boolean delivering;

  ListenerEvents(Executor executor) {
    this.executor = executor;
  }

  /** Queues an event; it runs after every event added before it. */
  synchronized void add(Runnable event) {
    events.add(event);
  }

  /** Starts delivering the queued events unless a delivery is under way; call holding no lock. */
  void deliver() {
    synchronized (this) {
      if (delivering || events.isEmpty()) {
        return;
      }
      delivering = true;
    }
    try {
      executor.execute(this::drain);
    } catch (RejectedExecutionException e) {
      drain();
    }
  }

  private void drain() {
    boolean drained = false;
    try {
      while (true) {
        Runnable next;
        synchronized (this) {
          next = events.poll();
          if (next == null) {
            delivering = false;
            drained = true;
            return;
          }
        }
        try {
          next.run();
        } catch (RuntimeException e) {
          log.warn("a listener threw; later events are still delivered", e);
        }
      }
    } finally {
      if (!drained) {
        // An Error escaped a listener: the next delivery must start afresh instead of queueing forever.
        synchronized (this) {
          delivering = false;
        }
      }
    }
  }
}
