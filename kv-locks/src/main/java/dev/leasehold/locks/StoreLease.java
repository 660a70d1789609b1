package dev.leasehold.locks;

import dev.leasehold.kv.Entry;
import dev.leasehold.kv.KeyNotFoundException;
import dev.leasehold.kv.VersionMismatchException;
import dev.leasehold.kv.WriteOptions;
import dev.leasehold.kv.codec.CodecException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lease on a lock's record in the store: keeps the local deadline, renews by compare-and-set on the
 * record's current version, releases by compare-and-delete, and signals the loss once.
 *
 * <p>Only one request per lease is in flight at a time ({@link #requests}); the deadline and state are read
 * without that lock, so {@link #isValid()} and the expiry at the deadline never wait for a hanging request.
 * A renewal or release whose answer was lost may have been applied: the nonces of such writes are kept until
 * a later request settles them, and a conflict whose current record carries one of them is our own write,
 * adopted with the deadline its request earned, not theft.
 */
final class StoreLease implements Lease {
  private static final Logger log = LoggerFactory.getLogger(StoreLease.class);
  /** Retries closer to the deadline than this cannot help: the lease would expire before they land. */
  private static final long MIN_RETRY_NANOS = Duration.ofMillis(1).toNanos();

  /** Where the lease is; the three last states are final and carry the reason the lease ended. */
  private enum State {
    HELD(null), RELEASING(null), EXPIRED(LossReason.EXPIRED), STOLEN(LossReason.STOLEN),
    RELEASED(LossReason.RELEASED);

    private final LossReason loss;

    State(LossReason loss) {
      this.loss = loss;
    }

    boolean ended() {
      return loss != null;
    }
  }

  private final LockClient client;
  private final String name;
  private final LockOptions options;
  private final long token;
  private final long leaseNanos;
  private final WriteOptions ttl;
  private final ReentrantLock requests = new ReentrantLock();
  private final AtomicReference<State> state = new AtomicReference<>(State.HELD);
  private final AtomicBoolean closeCalled = new AtomicBoolean();
  private final CompletableFuture<LossReason> loss = new CompletableFuture<>();
  private volatile long deadline;

  // Guarded by requests.
  private final Map<String, Long> unconfirmedWrites = new HashMap<>();
  private long version;
  private int failedRequests;

  // Guarded by this.
  private boolean autoRenewal;
  private ScheduledFuture<?> nextRequest;
  private ScheduledFuture<?> expiry;
  private CompletableFuture<Void> renewed;

  StoreLease(LockClient client, String name, LockOptions options, long version, long token, long sentAt) {
    this.client = client;
    this.name = name;
    this.options = options;
    this.token = token;
    this.version = version;
    this.leaseNanos = options.leaseLength().toNanos();
    this.ttl = client.recordTtl(options);
    this.deadline = sentAt + leaseNanos;
  }

  /** Arms the expiry and, unless renewal is manual, the first renewal. */
  void start() {
    long sentAt = deadline - leaseNanos;
    synchronized (this) {
      autoRenewal = options.renewsAutomatically();
      expiry = schedule(this::expireIfDue, deadline - client.ticker().read());
      if (autoRenewal) {
        nextRequest = schedule(this::renewOnce, nextRenewalDelay(sentAt));
      }
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long fencingToken() {
    return token;
  }

  @Override
  public boolean isValid() {
    return state.get() == State.HELD && client.ticker().read() - deadline < 0;
  }

  @Override
  public Duration remaining() {
    long left = deadline - client.ticker().read();
    return state.get() == State.HELD && left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
  }

  @Override
  public Duration leaseLength() {
    return options.leaseLength();
  }

  @Override
  public byte[] data() {
    return options.data();
  }

  @Override
  public void renew() throws InterruptedException {
    CompletableFuture<Void> done;
    synchronized (this) {
      State now = state.get();
      if (now != State.HELD) {
        throw new LeaseLostException(name, now.ended() ? now.loss : LossReason.RELEASED);
      }
      if (renewed == null) {
        renewed = new CompletableFuture<>();
      }
      done = renewed;
    }
    renewOnce();
    try {
      done.get();
    } catch (ExecutionException e) {
      throw new LeaseLostException(name, state.get().loss);
    }
  }

  @Override
  public void stopRenewal() {
    synchronized (this) {
      autoRenewal = false;
      // A retry that a caller of renew() waits on stays.
      if (state.get() == State.HELD && renewed == null) {
        cancel(nextRequest);
        nextRequest = null;
      }
    }
  }

  @Override
  public CompletableFuture<LossReason> lost() {
    return loss.copy();
  }

  @Override
  public void close() {
    if (!closeCalled.compareAndSet(false, true)) {
      return;
    }
    if (state.get() == State.HELD && client.ticker().read() - deadline >= 0) {
      end(LossReason.EXPIRED);
    }
    if (state.compareAndSet(State.HELD, State.RELEASING)) {
      synchronized (this) {
        autoRenewal = false;
        cancel(nextRequest);
        nextRequest = null;
      }
      deleteRecord();
    } else if (state.get() == State.EXPIRED) {
      // Expired here, but possibly still in the store (a paused process, say): a compare-and-delete can only
      // remove our own record, and spares waiters the wait for it to expire.
      deleteRecord();
    }
  }

  private void renewOnce() {
    requests.lock();
    try {
      if (state.get() != State.HELD) {
        return;
      }
      long sentAt = client.ticker().read();
      if (sentAt - deadline >= 0) {
        end(LossReason.EXPIRED);
        return;
      }
      LockRecord record = LockRecord.renewing(client.owner(), options, token);
      unconfirmedWrites.put(record.nonce(), sentAt);
      try {
        Entry entry = client.store().update(name, record.encode(), version, ttl);
        renewed(entry.version(), sentAt);
      } catch (VersionMismatchException e) {
        Entry current = e.current().orElse(null);
        Long ours = ourWrite(current);
        if (ours == null) {
          end(LossReason.STOLEN);
        } else {
          log.debug("adopted a renewal of lock '{}' whose answer was lost", name);
          renewed(current.version(), ours);
        }
      } catch (KeyNotFoundException e) {
        end(LossReason.EXPIRED);
      } catch (RuntimeException e) {
        boolean wanted;
        synchronized (this) {
          // After stopRenewal() only a caller of renew() still wants this renewal.
          wanted = autoRenewal || renewed != null;
        }
        if (wanted) {
          log.debug("renewal of lock '{}' got no answer; will retry until the lease's deadline", name, e);
          retryLater(this::renewOnce, sentAt);
        }
      }
    } finally {
      requests.unlock();
    }
  }

  /** Called with {@link #requests} held, after our write at {@code version} landed. */
  private void renewed(long version, long sentAt) {
    this.version = version;
    unconfirmedWrites.clear();
    failedRequests = 0;
    State now = state.get();
    if (now.ended()) {
      // The lease expired while the request was in flight: the record is ours but no one is using it.
      deleteQuietly();
      return;
    }
    if (now == State.RELEASING) {
      return;
    }
    deadline = sentAt + leaseNanos;
    synchronized (this) {
      if (renewed != null) {
        renewed.complete(null);
        renewed = null;
      }
      if (autoRenewal && state.get() == State.HELD) {
        cancel(nextRequest);
        nextRequest = schedule(this::renewOnce, nextRenewalDelay(sentAt));
      }
    }
  }

  /**
   * Deletes our record by compare-and-delete. While releasing, retries until the deadline if the store
   * cannot be reached; otherwise tries once.
   */
  private void deleteRecord() {
    requests.lock();
    try {
      while (true) {
        long sentAt = client.ticker().read();
        try {
          client.store().delete(name, version);
          end(LossReason.RELEASED);
          client.released(name);
          return;
        } catch (VersionMismatchException e) {
          Entry current = e.current().orElse(null);
          if (ourWrite(current) == null) {
            end(LossReason.STOLEN);
            return;
          }
          version = current.version();
          unconfirmedWrites.clear();
        } catch (KeyNotFoundException e) {
          end(LossReason.EXPIRED);
          return;
        } catch (RuntimeException e) {
          if (state.get() == State.RELEASING) {
            log.debug("release of lock '{}' got no answer; will retry until the lease's deadline", name, e);
            retryLater(this::deleteRecord, sentAt);
          }
          return;
        }
      }
    } finally {
      requests.unlock();
    }
  }

  private void deleteQuietly() {
    try {
      client.store().delete(name, version);
      client.released(name);
    } catch (RuntimeException e) {
      log.debug("could not delete the record of expired lease on lock '{}'; it expires by itself", name, e);
    }
  }

  /** The send time of our own unanswered write if {@code current} is it, else null. */
  private Long ourWrite(Entry current) {
    if (current == null || unconfirmedWrites.isEmpty()) {
      return null;
    }
    try {
      return unconfirmedWrites.get(LockRecord.of(current).nonce());
    } catch (CodecException e) {
      return null;
    }
  }

  /**
   * Called with {@link #requests} held. Retries go on, at most halfway to the deadline each, while they can
   * still land before it.
   */
  private void retryLater(Runnable request, long sentAt) {
    long halfwayToDeadline = (deadline - sentAt) / 2;
    if (halfwayToDeadline < MIN_RETRY_NANOS) {
      return;
    }
    long delay = Math.min(Acquisition.nanos(options.backoff().delay(++failedRequests)), halfwayToDeadline);
    synchronized (this) {
      if (!state.get().ended()) {
        cancel(nextRequest);
        nextRequest = schedule(request, delay - (client.ticker().read() - sentAt));
      }
    }
  }

  private void expireIfDue() {
    long left = deadline - client.ticker().read();
    if (left <= 0) {
      end(LossReason.EXPIRED);
      return;
    }
    synchronized (this) {
      if (!state.get().ended()) {
        expiry = schedule(this::expireIfDue, left);
      }
    }
  }

  /** Ends the lease once: the first reason wins, later calls do nothing. */
  private void end(LossReason why) {
    State before;
    do {
      before = state.get();
      if (before.ended()) {
        return;
      }
    } while (!state.compareAndSet(before, State.valueOf(why.name())));
    CompletableFuture<Void> waitingRenewal;
    boolean unexpected;
    synchronized (this) {
      unexpected = why == LossReason.STOLEN || why == LossReason.EXPIRED && autoRenewal;
      cancel(nextRequest);
      cancel(expiry);
      nextRequest = null;
      expiry = null;
      waitingRenewal = renewed;
      renewed = null;
    }
    if (waitingRenewal != null) {
      waitingRenewal.completeExceptionally(new LeaseLostException(name, why));
    }
    client.ended(this);
    if (unexpected) {
      log.warn("lease on lock '{}' with fencing token {} ended: {}", name, token, why);
    } else {
      log.debug("lease on lock '{}' with fencing token {} ended: {}", name, token, why);
    }
    client.callback(() -> loss.complete(why));
  }

  private long nextRenewalDelay(long sentAt) {
    return leaseNanos / 3 - (client.ticker().read() - sentAt);
  }

  private ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
    try {
      return client.schedule(task, delayNanos);
    } catch (RejectedExecutionException e) {
      log.warn("the lock client's scheduler refused a task; lease on lock '{}' is no longer renewed", name);
      return null;
    }
  }

  private static void cancel(ScheduledFuture<?> task) {
    if (task != null) {
      task.cancel(false);
    }
  }

  @Override
  public String toString() {
    State now = state.get();
    return "Lease[name=" + name + ", owner=" + client.owner() + ", fencingToken=" + token + ", "
        + (now.ended() ? now.loss : isValid() ? "valid" : now == State.RELEASING ? "releasing" : "expired")
        + "]";
  }
}
