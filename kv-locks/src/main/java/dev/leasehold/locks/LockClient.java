package dev.leasehold.locks;

import dev.leasehold.kv.Limits;
import dev.leasehold.kv.Store;
import dev.leasehold.kv.WriteOptions;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Takes and holds leases (distributed locks with fencing tokens) on the records of a {@link Store}. Every
 * lock is one entry, named by the lock's name; any backend works. Thread-safe; create one per store and
 * process and share it.
 *
 * <pre>{@code
 * LockClient locks = LockClient.builder(store).owner("worker-7").build();
 * try (Lease lease = locks.acquire("orders/42", LockOptions.lease(Duration.ofSeconds(10)))) {
 *   orders.update(order, lease.fencingToken());
 * }
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>An uncontended acquire, a renewal and a release each cost one request; a failed attempt learns who
 *       holds the lock from the same request.
 *   <li>While the clocks of clients and store disagree by less than {@link LockOptions#maxClockSkew()}, at
 *       most one lease on a lock is {@linkplain Lease#isValid() valid} at any moment. Whatever the clocks do,
 *       fencing tokens of successive holders strictly increase, and a renewal or release never touches a
 *       successor's record.
 *   <li>A holder that stops renewing is taken over by a waiter that saw its record unchanged for a full lease
 *       length on its own monotonic clock, or, sooner, as soon as the record expires in the store (lease plus
 *       maximum clock skew after its last renewal).
 *   <li>Leases renew on one shared scheduler, a third of the lease length apart, retrying until the local
 *       deadline when the store cannot be reached.
 * </ul>
 *
 * <p>Locks are not reentrant: a second acquisition of a lock this client holds waits like any other.
 */
public final class LockClient implements AutoCloseable {
  /** Longest owner id accepted. */
  public static final int MAX_OWNER_LENGTH = 256;

  private static final int DEFAULT_THREADS = 4;
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final Store store;
  private final String owner;
  private final LockOptions defaults;
  private final Clock clock;
  private final Ticker ticker;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final Executor callbacks;
  private final LocalWaiters waiters = new LocalWaiters();
  private final Set<StoreLease> held = ConcurrentHashMap.newKeySet();
  private final Set<Runnable> closeActions = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private LockClient(Builder builder) {
    this.store = builder.store;
    this.owner = builder.owner != null ? builder.owner : ManagementFactory.getRuntimeMXBean().getName();
    this.defaults = builder.defaults;
    this.clock = builder.clock;
    this.ticker = builder.ticker;
    this.ownsScheduler = builder.scheduler == null;
    this.scheduler = ownsScheduler ? defaultScheduler() : builder.scheduler;
    this.callbacks = builder.callbacks;
  }

  /**
   * Starts configuring a client of {@code store}.
   *
   * @param store the store holding the locks' records; not closed by the client
   * @return a builder
   * @throws NullPointerException if {@code store} is null
   */
  public static Builder builder(Store store) {
    return new Builder(store);
  }

  /**
   * The owner id this client writes into the records of the locks it holds.
   *
   * @return the owner id
   */
  public String owner() {
    return owner;
  }

  /**
   * Acquires a lock with the client's default options; see {@link #acquire(String, LockOptions)}.
   *
   * @param name the lock's name, a store key
   * @return the lease
   * @throws InterruptedException if the calling thread is interrupted while waiting
   * @throws LockTimeoutException if the lock was not acquired within the default wait
   * @throws dev.leasehold.kv.InvalidKeyException if the name is not a valid key
   * @throws IllegalStateException if the client is closed
   */
  public Lease acquire(String name) throws InterruptedException {
    return acquire(name, defaults);
  }

  /**
   * Acquires a lock, waiting for it as the options allow. The first attempt is made in the calling thread;
   * further attempts run on the client's scheduler while the caller waits. If the store cannot be reached,
   * attempts go on with backoff until the wait runs out.
   *
   * @param name the lock's name, a store key
   * @param options lease length, wait, backoff, data, renewal and clock skew
   * @return the lease; the caller must close it
   * @throws InterruptedException if the calling thread is interrupted while waiting; no lease is held and
   *     no record of this attempt remains
   * @throws LockTimeoutException if the lock was not acquired within {@link LockOptions#maxWait()}; it names
   *     the holder
   * @throws dev.leasehold.kv.InvalidKeyException if the name is not a valid key (before any request)
   * @throws NullPointerException if {@code options} is null (before any request)
   * @throws dev.leasehold.kv.codec.CodecException if the key holds a value that is not a lock record
   * @throws dev.leasehold.kv.StoreException if the store fails in a way retrying cannot fix
   * @throws IllegalStateException if the client is or gets closed
   */
  public Lease acquire(String name, LockOptions options) throws InterruptedException {
    return start(name, options).await();
  }

  /**
   * Tries a lock once with the client's default options; see {@link #tryAcquire(String, LockOptions)}.
   *
   * @param name the lock's name, a store key
   * @return the lease, or who holds the lock
   * @throws dev.leasehold.kv.InvalidKeyException if the name is not a valid key
   * @throws dev.leasehold.kv.StoreException if the store fails
   * @throws IllegalStateException if the client is closed
   */
  public LockAttempt tryAcquire(String name) {
    return tryAcquire(name, defaults);
  }

  /**
   * Tries a lock with exactly one request, in the calling thread, ignoring the options' wait. When the lock
   * is held, the same request tells who holds it. When the store cannot be reached, the failure is thrown
   * after a best-effort read and delete of what the unanswered request may have written, so nothing is left
   * to block others.
   *
   * @param name the lock's name, a store key
   * @param options lease length, backoff, data, renewal and clock skew
   * @return the lease, or who holds the lock
   * @throws dev.leasehold.kv.InvalidKeyException if the name is not a valid key (before any request)
   * @throws NullPointerException if {@code options} is null (before any request)
   * @throws dev.leasehold.kv.StoreUnavailableException if the store could not be reached
   * @throws dev.leasehold.kv.codec.CodecException if the key holds a value that is not a lock record
   * @throws dev.leasehold.kv.StoreException if the store fails otherwise
   * @throws IllegalStateException if the client is closed
   */
  public LockAttempt tryAcquire(String name, LockOptions options) {
    return start(name, options).attemptOnce();
  }

  /**
   * Acquires a lock without blocking, with the client's default options; see
   * {@link #acquireAsync(String, LockOptions)}.
   *
   * @param name the lock's name, a store key
   * @return a future of the lease
   * @throws dev.leasehold.kv.InvalidKeyException if the name is not a valid key
   * @throws IllegalStateException if the client is closed
   */
  public CompletableFuture<Lease> acquireAsync(String name) {
    return acquireAsync(name, defaults);
  }

  /**
   * Acquires a lock without blocking the caller: every attempt runs on the client's scheduler, and the future
   * completes on the callback executor. Cancelling the future stops the acquisition and leaves nothing
   * behind: a lease obtained meanwhile is released, and no other lease of this client is affected.
   *
   * @param name the lock's name, a store key
   * @param options lease length, wait, backoff, data, renewal and clock skew
   * @return a future of the lease, failing with {@link LockTimeoutException} when the wait runs out, with
   *     {@link IllegalStateException} when the client closes, or with the
   *     {@link dev.leasehold.kv.StoreException} that stopped it
   * @throws dev.leasehold.kv.InvalidKeyException if the name is not a valid key (before any request)
   * @throws NullPointerException if {@code options} is null (before any request)
   * @throws IllegalStateException if the client is closed
   */
  public CompletableFuture<Lease> acquireAsync(String name, LockOptions options) {
    return start(name, options).async();
  }

  /**
   * Reads who holds a lock, with one strongly consistent read.
   *
   * @param name the lock's name, a store key
   * @return the holder, or empty when the lock is free
   * @throws dev.leasehold.kv.InvalidKeyException if the name is not a valid key (before any request)
   * @throws dev.leasehold.kv.codec.CodecException if the key holds a value that is not a lock record
   * @throws dev.leasehold.kv.StoreException if the store fails
   */
  public Optional<LockInfo> holder(String name) {
    Limits.checkKey(name);
    return store.get(name).map(entry -> LockRecord.of(entry).info(entry));
  }

  /**
   * A reusable handle on one lock with the client's default options.
   *
   * @param name the lock's name, a store key
   * @return the locker
   * @throws dev.leasehold.kv.InvalidKeyException if the name is not a valid key
   */
  public Locker locker(String name) {
    return locker(name, defaults);
  }

  /**
   * A reusable handle on one lock with fixed options.
   *
   * @param name the lock's name, a store key
   * @param options the options every {@code lock()} and {@code tryLock()} uses
   * @return the locker
   * @throws dev.leasehold.kv.InvalidKeyException if the name is not a valid key
   * @throws NullPointerException if {@code options} is null
   */
  public Locker locker(String name, LockOptions options) {
    Limits.checkKey(name);
    return new Locker(this, name, Objects.requireNonNull(options, "options"));
  }

  /**
   * Releases every lease this client holds, fails its waiting acquisitions and the {@link Semaphore} waits
   * built on it with an {@link IllegalStateException} (for blocked callers and futures alike), closes the
   * {@link LeaderElection}s, and shuts down the scheduler if the client created it. A scheduler
   * or executor the caller supplied, and the store, are left open. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Runnable action : List.copyOf(closeActions)) {
      action.run();
    }
    for (StoreLease lease : List.copyOf(held)) {
      lease.close();
    }
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "LockClient[owner=" + owner + ", " + held.size() + " leases held" + (closed ? ", closed" : "") + "]";
  }

  private LockAcquisition start(String name, LockOptions options) {
    Limits.checkKey(name);
    Objects.requireNonNull(options, "options");
    checkOpen();
    return new LockAcquisition(this, name, options);
  }

  void checkOpen() {
    if (closed) {
      throw new IllegalStateException("lock client is closed");
    }
  }

  private static ScheduledExecutorService defaultScheduler() {
    int pool = POOLS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(DEFAULT_THREADS, task -> {
      Thread thread = new Thread(task, "leasehold-locks-" + pool + "-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    // Renewals and waits are rescheduled constantly; cancelled tasks must not pile up in the queue.
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  Store store() {
    return store;
  }

  Clock clock() {
    return clock;
  }

  Ticker ticker() {
    return ticker;
  }

  LocalWaiters waiters() {
    return waiters;
  }

  /** The store expiry of a lock's record: the lease plus the skew the clocks are allowed. */
  WriteOptions recordTtl(LockOptions options) {
    return WriteOptions.ttl(options.leaseLength().plus(options.maxClockSkew()));
  }

  /**
   * Runs {@code task} on the scheduler after {@code delayNanos} on the ticker.
   *
   * @throws RejectedExecutionException if the scheduler is shut down
   */
  ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
    return scheduler.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
  }

  /** Runs user-visible completions off the scheduler, so slow listeners cannot delay renewals. */
  void callback(Runnable completion) {
    try {
      callbacks.execute(completion);
    } catch (RejectedExecutionException e) {
      completion.run();
    }
  }

  /** Registers and starts a lease just acquired; releases it if the client was closed meanwhile. */
  StoreLease started(StoreLease lease) {
    held.add(lease);
    if (closed) {
      lease.close();
      throw new IllegalStateException("lock client is closed");
    }
    lease.start();
    return lease;
  }

  void ended(StoreLease lease) {
    held.remove(lease);
  }

  /**
   * Runs {@code action} when the client closes, before its acquisitions stop and its leases are released, or
   * at once if it is closed already. For what the recipes build on the client: a wait sleeping on a scheduler
   * the client shuts down would otherwise never wake. An action registered while the client closes may run
   * twice, so it must be idempotent.
   */
  void onClose(Runnable action) {
    closeActions.add(action);
    if (closed) {
      action.run();
    }
  }

  /** Forgets an action of {@link #onClose(Runnable)} that is no longer needed. */
  void removeOnClose(Runnable action) {
    closeActions.remove(action);
  }

  /** One of our leases deleted its record: waiters in this client may take the lock now. */
  void released(String name) {
    waiters.wake(name);
  }

  /** Configures a {@link LockClient}. Not thread-safe. */
  public static final class Builder {
    private final Store store;
    private String owner;
    private LockOptions defaults = LockOptions.lease(Duration.ofSeconds(10));
    private Clock clock = Clock.systemUTC();
    private Ticker ticker = Ticker.system();
    private ScheduledExecutorService scheduler;
    private Executor callbacks = ForkJoinPool.commonPool();

    private Builder(Store store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The owner id written into the records of held locks, shown to others by
     * {@link LockClient#holder(String)} and in timeout messages. Defaults to {@code pid@host}. Ids need not be
     * unique: each write carries its own nonce.
     *
     * @param owner a non-blank id of at most {@link #MAX_OWNER_LENGTH} characters
     * @return this builder
     * @throws NullPointerException if {@code owner} is null
     * @throws IllegalArgumentException if {@code owner} is blank or too long
     */
    public Builder owner(String owner) {
      Objects.requireNonNull(owner, "owner");
      if (owner.isBlank() || owner.length() > MAX_OWNER_LENGTH) {
        throw new IllegalArgumentException(
            "owner must be non-blank and at most " + MAX_OWNER_LENGTH + " characters, was " + owner.length());
      }
      this.owner = owner;
      return this;
    }

    /**
     * The options of the methods that take none. Defaults to a lease of 10 seconds and all other defaults of
     * {@link LockOptions}.
     *
     * @param defaults the default options
     * @return this builder
     * @throws NullPointerException if {@code defaults} is null
     */
    public Builder defaults(LockOptions defaults) {
      this.defaults = Objects.requireNonNull(defaults, "defaults");
      return this;
    }

    /**
     * The wall clock, used only to estimate when a holder's record expires, so a waiter need not wake
     * earlier than that. Safety never depends on it. Defaults to the system clock in UTC.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The monotonic clock by which lease deadlines, takeover observations and waits are measured. Defaults
     * to {@link Ticker#system()}. The scheduler must measure delays on the same time base.
     *
     * @param ticker the ticker
     * @return this builder
     * @throws NullPointerException if {@code ticker} is null
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * The scheduler on which renewals, expiries, retries and waits run. Every lease and waiting acquisition
     * of the client shares it; none holds a thread while idle, so a few threads serve thousands of leases.
     * It must keep running while the client is open; the client does not shut it down. Defaults to a pool of
     * four daemon threads that the client owns and shuts down on {@link LockClient#close()}.
     *
     * @param scheduler the scheduler
     * @return this builder
     * @throws NullPointerException if {@code scheduler} is null
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * The executor that completes {@link Lease#lost()} and {@link LockClient#acquireAsync(String, LockOptions)}
     * futures, and so runs the
     * actions that depend on them. Defaults to {@link ForkJoinPool#commonPool()}. If it rejects a task, the
     * completion runs in the thread that triggered it.
     *
     * @param callbackExecutor the executor
     * @return this builder
     * @throws NullPointerException if {@code callbackExecutor} is null
     */
    public Builder callbackExecutor(Executor callbackExecutor) {
      this.callbacks = Objects.requireNonNull(callbackExecutor, "callbackExecutor");
      return this;
    }

    /**
     * Creates the client.
     *
     * @return the client
     */
    public LockClient build() {
      return new LockClient(this);
    }
  }
}
