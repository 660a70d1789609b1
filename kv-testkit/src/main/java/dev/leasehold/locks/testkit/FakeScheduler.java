package dev.leasehold.locks.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deterministic {@link ScheduledExecutorService} driven by {@link FakeTime}: tasks run only when the test
 * advances time to their due time, in the thread that advances it. {@link #execute(Runnable)} and
 * {@code submit} schedule for now, so they run at the next advance or {@link FakeTime#runDue()}.
 *
 * <p>{@linkplain #pause() Pausing} simulates a stalled process: its tasks stay queued while time moves on,
 * and the overdue ones run at the next advance after {@link #resume()}. A task that throws fails that advance
 * with an {@link AssertionError}: in a test, a background task that throws is a bug. Thread-safe.
 */
public final class FakeScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private final FakeTime time;
  private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
  private boolean paused;
  private boolean shutdown;

  FakeScheduler(FakeTime time) {
    this.time = time;
  }

  /** Holds every task until {@link #resume()}, while time goes on. */
  public synchronized void pause() {
    paused = true;
  }

  /** Lets tasks run again; overdue ones run at the next advance of time. */
  public synchronized void resume() {
    paused = false;
  }

  /**
   * How many tasks are scheduled and neither run nor cancelled.
   *
   * @return the number of pending tasks
   */
  public synchronized int pendingTasks() {
    return queue.size();
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return enqueue(new Task<>(Executors.callable(command, null), due(delay, unit), 0));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return enqueue(new Task<>(callable, due(delay, unit), 0));
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    if (period <= 0) {
      throw new IllegalArgumentException("period must be positive, was " + period);
    }
    return enqueue(new Task<>(Executors.callable(command, null), due(initialDelay, unit), unit.toNanos(period)));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    if (delay <= 0) {
      throw new IllegalArgumentException("delay must be positive, was " + delay);
    }
    return enqueue(new Task<>(Executors.callable(command, null), due(initialDelay, unit), -unit.toNanos(delay)));
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
  }

  @Override
  public List<Runnable> shutdownNow() {
    List<Runnable> pending;
    synchronized (this) {
      shutdown = true;
      pending = new ArrayList<>(queue);
      queue.clear();
    }
    pending.forEach(task -> ((Task<?>) task).cancel(false));
    return pending;
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown && queue.isEmpty();
  }

  /** Never blocks: tasks run only when the test advances time, so waiting could not change the answer. */
  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return isTerminated();
  }

  @Override
  public String toString() {
    return "FakeScheduler[" + pendingTasks() + " pending" + (paused ? ", paused" : "") + "]";
  }

  /** The earliest task due at or before {@code limit}, or null; none while paused. */
  synchronized Task<?> firstDue(long limit) {
    Task<?> first = queue.peek();
    return !paused && first != null && first.due - limit <= 0 ? first : null;
  }

  private long due(long delay, TimeUnit unit) {
    return time.nanos() + Math.max(0, unit.toNanos(delay));
  }

  private synchronized <V> Task<V> enqueue(Task<V> task) {
    if (shutdown) {
      throw new RejectedExecutionException("scheduler is shut down");
    }
    queue.add(task);
    return task;
  }

  private synchronized boolean remove(Task<?> task) {
    return queue.remove(task);
  }

  /**
   * A scheduled task.
   *
   * @param <V> the result type
   */
  final class Task<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {
    private final long sequence = time.nextSequence();
    /** Positive: fixed rate; negative: fixed delay; zero: runs once. */
    private final long period;
    private long due;

    private Task(Callable<V> callable, long due, long period) {
      super(callable);
      this.due = due;
      this.period = period;
    }

    long due() {
      return due;
    }

    /** Runs the task at its due time; returns what it threw, if anything. */
    Optional<Throwable> runNow() {
      if (!remove(this)) {
        return Optional.empty();
      }
      run();
      if (isPeriodic() && !isDone()) {
        due = period > 0 ? due + period : time.nanos() - period;
        try {
          enqueue(this);
        } catch (RejectedExecutionException e) {
          cancel(false);
        }
        return Optional.empty();
      }
      if (isCancelled()) {
        return Optional.empty();
      }
      try {
        get();
        return Optional.empty();
      } catch (ExecutionException e) {
        return Optional.of(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of(e);
      }
    }

    @Override
    public void run() {
      if (isPeriodic()) {
        runAndReset();
      } else {
        super.run();
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      remove(this);
      return cancelled;
    }

    @Override
    public boolean isPeriodic() {
      return period != 0;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(due - time.nanos(), TimeUnit.NANOSECONDS);
    }

    /** By due time, compared by subtraction because ticker readings may overflow; then by scheduling order. */
    @Override
    public int compareTo(Delayed other) {
      if (other instanceof Task<?> task) {
        long byDue = due - task.due;
        return byDue != 0 ? Long.signum(byDue) : Long.compare(sequence, task.sequence);
      }
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }
  }
}
