package dev.leasehold.locks;

import dev.leasehold.kv.Entry;
import dev.leasehold.kv.Limits;
import dev.leasehold.kv.ListOptions;
import dev.leasehold.kv.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A distributed counting semaphore: at most {@link #permits()} {@link Permit}s are valid at any moment,
 * across every process using the same name on the same store. Each permit is a lease on one of the
 * semaphore's slots, the keys {@code name/0} to {@code name/(permits-1)}, with its own fencing token.
 *
 * <pre>{@code
 * Semaphore connections = Semaphore.builder(locks, "pools/legacy-db", 5).build();
 * try (Permit permit = connections.acquire()) {
 *   legacyDb.query(sql, permit.slot(), permit.fencingToken());
 * }
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * Those of a lease, per slot: while clocks disagree by less than the maximum clock skew, at most one permit
 * per slot, hence at most {@link #permits()} permits, is {@linkplain Permit#isValid() valid} at any moment;
 * each slot's fencing tokens strictly increase. A holder that stops renewing loses its permit at its local
 * deadline, and its slot is free for others once its record expires in the store, lease plus maximum clock
 * skew after its last renewal.
 *
 * <h2>Cost in requests</h2>
 * <ul>
 *   <li>{@link #tryAcquire()}: one list of the slots, then one create on a slot the list showed free: two
 *       requests when a permit is free, one when none is. A create that loses a race for its slot is followed
 *       by one on the next free slot, so contention costs one more request per race lost.
 *   <li>{@link #acquire()}: rounds of {@link #tryAcquire()} with jittered backoff between them, woken at
 *       once by a permit released through this object.
 *   <li>Releasing a permit: one compare-and-delete. Keeping it: one renewal per third of the lease.
 * </ul>
 * The list reads one page while the slots fit one ({@link #MAX_PERMITS}); keys of other data under
 * {@code name/} are skipped but make the list longer, so keep that prefix to the semaphore.
 *
 * <p>Thread-safe; create one per name and process, and share it, so that releases wake local waiters.
 */
public final class Semaphore {
  /** Most permits a semaphore may have: the slots, and one more key, are read in one page of a list. */
  public static final int MAX_PERMITS = Limits.MAX_LIST_LIMIT - 1;

  /** The lease length of permits unless options are set: ten seconds. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);

  private final LockClient client;
  private final String name;
  private final String prefix;
  private final int permits;
  private final LockOptions options;
  private final ListOptions page;
  /** Waiting acquisitions in order of arrival; a release wakes the first that sleeps. */
  private final Queue<PermitAcquisition> waiting = new ConcurrentLinkedQueue<>();

  private Semaphore(LockClient client, String name, int permits, LockOptions options) {
    this.client = client;
    this.name = name;
    this.prefix = name + "/";
    this.permits = permits;
    this.options = options;
    // One more than the slots: a page that is not full needs no second request to learn it was the last.
    this.page = ListOptions.builder().limit(Math.min(permits + 1, Limits.MAX_LIST_LIMIT)).build();
  }

  /**
   * Starts configuring a semaphore.
   *
   * @param locks the lock client whose store, owner, clocks and scheduler the semaphore uses
   * @param name the semaphore's name; its slots are the keys under {@code name/}
   * @param permits how many permits may be valid at once, from 1 to {@link #MAX_PERMITS}
   * @return a builder
   * @throws NullPointerException if {@code locks} is null
   * @throws IllegalArgumentException if {@code permits} is out of range
   * @throws dev.leasehold.kv.InvalidKeyException if {@code name} or a slot's key is not a valid key
   */
  public static Builder builder(LockClient locks, String name, int permits) {
    Objects.requireNonNull(locks, "locks");
    Limits.checkKey(name);
    if (permits < 1 || permits > MAX_PERMITS) {
      throw new IllegalArgumentException("permits must be between 1 and " + MAX_PERMITS + ", was " + permits);
    }
    Limits.checkKey(slotKey(name + "/", permits - 1));
    return new Builder(locks, name, permits);
  }

  /**
   * The semaphore's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * How many permits may be valid at once.
   *
   * @return the number of permits
   */
  public int permits() {
    return permits;
  }

  /**
   * Takes a permit if one is free, without waiting, in the calling thread: one list of the slots, then one
   * create on a free slot, picked at random to spread contention; see the class documentation for the cost
   * when racing others.
   *
   * @return the permit, which the caller must close, or empty when every permit is held
   * @throws dev.leasehold.kv.StoreUnavailableException if the store could not be reached; no permit is held
   * @throws dev.leasehold.kv.codec.CodecException if a slot's key holds a value that is not a lock record
   * @throws dev.leasehold.kv.StoreException if the store fails otherwise
   * @throws IllegalStateException if the lock client is closed (before any request)
   */
  public Optional<Permit> tryAcquire() {
    client.checkOpen();
    return Optional.ofNullable(attempt().permit());
  }

  /**
   * Takes a permit, waiting as long as the options' {@linkplain LockOptions#maxWait() wait} allows. The
   * first round runs in the calling thread, later ones on the lock client's scheduler while the caller waits;
   * if the store cannot be reached, rounds go on with backoff until the wait runs out.
   *
   * @return the permit, which the caller must close
   * @throws InterruptedException if the calling thread is interrupted while waiting; no permit is held
   * @throws LockTimeoutException if no permit was free within the wait; it names the semaphore
   * @throws dev.leasehold.kv.codec.CodecException if a slot's key holds a value that is not a lock record
   * @throws dev.leasehold.kv.StoreException if the store fails in a way retrying cannot fix
   * @throws IllegalStateException if the lock client is or gets closed
   */
  public Permit acquire() throws InterruptedException {
    return start().await();
  }


  /**
   * Takes a permit without blocking the caller: every round runs on the lock client's scheduler, and the
   * future completes on its callback executor. Cancelling the future stops the acquisition; a permit
   * obtained meanwhile is released.
   *
   * @return a future of the permit, failing with {@link LockTimeoutException} when the wait runs out, with
   *     {@link IllegalStateException} when the lock client closes, or with the
   *     {@link dev.leasehold.kv.StoreException} that stopped it
   * @throws IllegalStateException if the lock client is closed
   */
  public CompletableFuture<Permit> acquireAsync() {
    return start().async();
  }

  @Override
  public String toString() {
    return "Semaphore[name=" + name + ", permits=" + permits + ", " + waiting.size() + " waiting]";
  }

  private PermitAcquisition start() {
    client.checkOpen();
    PermitAcquisition acquisition = new PermitAcquisition(client, this, options);
    waiting.add(acquisition);
    acquisition.result().whenComplete((permit, failure) -> waiting.remove(acquisition));
    return acquisition;
  }

  /**
   * One round: lists the slots, then tries the free ones in random order until one is taken. Costs one
   * request plus one per free slot tried.
   *
   * @throws dev.leasehold.kv.StoreUnavailableException if a request got no answer; nothing is held then
   */
  Round attempt() {
    BitSet held = new BitSet(permits);
    Instant nextExpiry = null;
    ListOptions next = page;
    while (true) {
      Page listed = client.store().list(prefix, next);
      for (Entry entry : listed.entries()) {
        int slot = slotOf(entry.key().substring(prefix.length()), permits);
        if (slot >= 0) {
          held.set(slot);
          Instant expiry = entry.expiresAt().orElse(null);
          if (expiry != null && (nextExpiry == null || expiry.isBefore(nextExpiry))) {
            nextExpiry = expiry;
          }
        }
      }
      if (listed.cursor().isEmpty()) {
        break;
      }
      next = page.after(listed.cursor().get());
    }
    List<Integer> free = new ArrayList<>(permits - held.cardinality());
    for (int slot = held.nextClearBit(0); slot < permits; slot = held.nextClearBit(slot + 1)) {
      free.add(slot);
    }
    Collections.shuffle(free, ThreadLocalRandom.current());
    for (int slot : free) {
      LockAttempt attempt = client.tryAcquire(slotKey(prefix, slot), options);
      if (attempt.acquired()) {
        return new Round(new SemaphorePermit(this, slot, attempt.lease().orElseThrow()), null);
      }
    }
    return new Round(null, nextExpiry);
  }

  /** A permit was released through this object: the first waiter that sleeps tries again now. */
  void released() {
    for (PermitAcquisition acquisition : waiting) {
      if (acquisition.wake()) {
        return;
      }
    }
  }

  /**
   * The slot a key's part after the prefix stands for.
   *
   * @return the slot, or -1 when the key is some other data under the prefix
   */
  static int slotOf(String suffix, int permits) {
    int slot;
    try {
      slot = Integer.parseInt(suffix);
    } catch (NumberFormatException e) {
      return -1;
    }
    // Only the canonical spelling is a slot: "07" or "+7" are some other data under the prefix.
    return slot >= 0 && slot < permits && suffix.equals(Integer.toString(slot)) ? slot : -1;
  }

  private static String slotKey(String prefix, int slot) {
    return prefix + slot;
  }

  /**
   * What a round found.
   *
   * @param permit the permit taken, or null
   * @param nextExpiry when no permit was taken, the earliest store expiry among the held slots, or null
   */
  record Round(Permit permit, Instant nextExpiry) {}

  /** Configures a {@link Semaphore}. Not thread-safe. */
  public static final class Builder {
    private final LockClient client;
    private final String name;
    private final int permits;
    private LockOptions options = LockOptions.lease(DEFAULT_LEASE);

    private Builder(LockClient client, String name, int permits) {
      this.client = client;
      this.name = name;
      this.permits = permits;
    }

    /**
     * How permits are taken and kept: their lease length, how long {@link Semaphore#acquire()} waits, the
     * backoff between rounds, the data published with each permit, renewal and clock skew. Defaults to
     * {@link LockOptions#lease(Duration)} of {@link Semaphore#DEFAULT_LEASE}: waiting forever, renewing
     * automatically.
     *
     * @param options the options
     * @return this builder
     * @throws NullPointerException if {@code options} is null
     */
    public Builder options(LockOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Creates the semaphore; no request is sent.
     *
     * @return the semaphore
     */
    public Semaphore build() {
      return new Semaphore(client, name, permits, options);
    }
  }
}
