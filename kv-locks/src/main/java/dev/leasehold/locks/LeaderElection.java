package dev.leasehold.locks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.leasehold.kv.Backoff;
import dev.leasehold.kv.Limits;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One participant in the election of a leader among the processes that campaign under the same name, in the
 * shape of Curator's {@code LeaderLatch}. Leadership is a lease on the lock named after the election,
 * published with the participant's id; the leader renews it, everyone else keeps trying to take it.
 *
 * <pre>{@code
 * LeaderElection election = LeaderElection.builder(locks, "elections/billing")
 *     .participantId("node-1")
 *     .listener(new LeaderElection.Listener() {
 *       public void elected(long fencingToken) { billing.startAsLeader(fencingToken); }
 *       public void revoked() { billing.stop(); }
 *     })
 *     .build();
 * election.start();
 * ...
 * election.close();   // resigns: a successor is elected without waiting for the lease to expire
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>While the clocks of the participants and the store disagree by less than the maximum clock skew, at
 *       most one participant anywhere {@linkplain #isLeader() is leader} at any moment.
 *   <li>Leadership ends at its <em>revocation point</em>, the {@linkplain Builder#revocationMargin(Duration)
 *       revocation margin} before the lease's local deadline: a leader whose renewals fail stops being leader
 *       while its lease is still valid, even if its process is stalled and nothing runs. A leader whose lease
 *       is lost (taken over, or expired in the store) stops at once. Either way it then releases its lease
 *       and, after one longest backoff that gives the other participants the first chance, campaigns again.
 *   <li>Each term's {@linkplain #fencingToken() fencing token} is larger than every earlier term's, whoever
 *       led them: pass it to the resources the leader writes to, so they can reject a deposed leader.
 *   <li>The listener's {@code elected} and {@code revoked} strictly alternate, starting with {@code elected}:
 *       every {@code elected} is followed by one {@code revoked}, also when the election is closed. They run
 *       one at a time, in order, on the listener executor, never on the scheduler that renews leases. They
 *       follow the state: when {@code revoked} runs, a successor may already lead, which is why
 *       {@link #isLeader()} is checked before acting and fencing tokens are passed on.
 *   <li>{@link #close()} resigns at once: one request releases the lease, and a successor waiting in the
 *       same {@link LockClient} is woken at once, one in another process after its next backoff (by default
 *       within a tenth of the lease).
 * </ul>
 *
 * <h2>Cost</h2>
 * A participant that is not leader makes one request per attempt, with jittered backoff between attempts
 * (by default at most a tenth of the lease apart), never waiting longer than the leader's remaining lease as
 * far as it can tell; the leader makes one request per third of the lease. {@link #leader()} is one read. Nothing else sends requests.
 *
 * <p>Thread-safe. An election is started once and, once closed, stays closed; create another to campaign
 * again. Closing the {@link LockClient} closes its elections.
 */
public final class LeaderElection implements AutoCloseable {
  /** The lease length unless set otherwise: ten seconds. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

  /** Where the participant stands; only ever moves forward, except between campaigning and leading. */
  private enum State { NEW, CAMPAIGNING, LEADING, CLOSED }

  private final LockClient client;
  private final String name;
  private final String participantId;
  private final LockOptions options;
  private final Duration margin;
  private final Listener listener;
  private final ListenerEvents events;
  private final Runnable closeWithClient = this::close;

  // Guarded by this.
  private State state = State.NEW;
  private CompletableFuture<Lease> campaign;
  private ScheduledFuture<?> retry;
  private int failedCampaigns;

  /** The term being led, if any; read without locking by {@link #fencingToken()}. */
  private volatile Term term;

  private LeaderElection(Builder builder) {
    this.client = builder.client;
    this.name = builder.name;
    this.participantId = builder.participantId != null ? builder.participantId : client.owner();
    LockOptions configured = builder.backoffSet
        ? builder.options : builder.options.backoff(defaultBackoff(builder.options.leaseLength()));
    this.options = configured.data(participantId.getBytes(UTF_8));
    this.margin = builder.margin != null ? builder.margin : defaultMargin(options.leaseLength());
    this.listener = builder.listener;
    this.events = new ListenerEvents(builder.listenerExecutor != null ? builder.listenerExecutor : client::callback);
  }

  /**
   * Starts configuring a participant in an election.
   *
   * @param locks the lock client whose store, owner, clocks and scheduler the election uses
   * @param name the election's name: the key of its lock, shared by all participants
   * @return a builder
   * @throws NullPointerException if {@code locks} is null
   * @throws dev.leasehold.kv.InvalidKeyException if {@code name} is not a valid key
   */
  public static Builder builder(LockClient locks, String name) {
    return new Builder(Objects.requireNonNull(locks, "locks"), Limits.checkKey(name));
  }

  /**
   * The election's name, the key of its lock.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * This participant's id, published with its lease while it leads and returned by {@link #leader()}.
   *
   * @return the participant id
   */
  public String participantId() {
    return participantId;
  }

  /**
   * Starts campaigning: the first attempt runs on the lock client's scheduler, and the participant keeps
   * trying until it leads, and again after each term, until closed.
   *
   * @throws IllegalStateException if the election was started or closed before, or the lock client is closed
   */
  public void start() {
    synchronized (this) {
      if (state != State.NEW) {
        throw new IllegalStateException("election '" + name + "' was " + (state == State.CLOSED ? "closed" : "started")
            + " already");
      }
      state = State.CAMPAIGNING;
    }
    // Runs close() at once if the client is closed already.
    client.onClose(closeWithClient);
    synchronized (this) {
      if (state == State.CLOSED) {
        throw new IllegalStateException("lock client is closed");
      }
    }
    campaign();
  }

  /**
   * Whether this participant leads now: it holds the election's lease and the revocation point has not been
   * reached. Turns false at the revocation point even if nothing in this process runs, and stays false for
   * the rest of the term even if a late renewal lands; turns false at once when the lease is lost or the
   * election closed. Reads no store.
   *
   * @return true while this participant is leader
   */
  public boolean isLeader() {
    return fencingToken().isPresent();
  }

  /**
   * The fencing token of this participant's term, while it leads. Checking leadership and reading the token
   * in one call leaves no gap between them; pass the token to the resources the leader acts on.
   *
   * @return the token while {@link #isLeader()} is true, else empty
   */
  public OptionalLong fencingToken() {
    Term current = term;
    if (current == null || current.over) {
      return OptionalLong.empty();
    }
    if (current.lease.remaining().compareTo(margin) > 0) {
      return OptionalLong.of(current.lease.fencingToken());
    }
    // Past the revocation point: a renewal landing late must not make this term leader again.
    current.over = true;
    return OptionalLong.empty();
  }

  /**
   * Reads who leads, with one strongly consistent read of the election's lock. A snapshot: the store may
   * still show a leader whose term has just ended, until its record is released or expires.
   *
   * @return the leader's participant id, or empty when no one leads
   * @throws dev.leasehold.kv.codec.CodecException if the election's key holds a value that is not a lock
   * @throws dev.leasehold.kv.StoreException if the store fails
   */
  public Optional<String> leader() {
    return client.holder(name).map(LeaderElection::participantOf);
  }

  /**
   * Waits until this participant leads, the wait runs out or the election is closed. The wait is measured
   * on the lock client's ticker.
   *
   * @param timeout how long to wait, zero or positive
   * @return whether this participant is leader on return
   * @throws InterruptedException if the calling thread is interrupted while waiting
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws IllegalStateException if the election was not started
   */
  public boolean await(Duration timeout) throws InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
    }
    AtomicBoolean timedOut = new AtomicBoolean();
    synchronized (this) {
      checkStarted();
      if (isLeader() || state == State.CLOSED || timeout.isZero()) {
        return isLeader();
      }
      ScheduledFuture<?> timer;
      try {
        timer = client.schedule(() -> {
          synchronized (this) {
            timedOut.set(true);
            notifyAll();
          }
        }, Acquisition.nanos(timeout));
      } catch (RejectedExecutionException e) {
        throw new IllegalStateException("lock client is closed", e);
      }
      try {
        while (!isLeader() && state != State.CLOSED && !timedOut.get()) {
          wait();
        }
      } finally {
        timer.cancel(false);
      }
      return isLeader();
    }
  }

  /**
   * Waits until this participant leads. By the time the caller acts, the term may be over again; check
   * {@link #fencingToken()}.
   *
   * @throws InterruptedException if the calling thread is interrupted while waiting
   * @throws IllegalStateException if the election was not started, or is closed before this participant leads
   */
  public void await() throws InterruptedException {
    synchronized (this) {
      checkStarted();
      while (!isLeader() && state != State.CLOSED) {
        wait();
      }
      if (!isLeader()) {
        throw new IllegalStateException("election '" + name + "' was closed");
      }
    }
  }

  /**
   * Stops campaigning and resigns: the participant is no longer leader as soon as this method is called,
   * then one request releases the lease so that a successor need not wait for it to expire. A leader's
   * listener gets {@code revoked}; this method does not wait for it. Idempotent.
   */
  @Override
  public void close() {
    Term ended;
    CompletableFuture<Lease> attempt;
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      ended = term;
      if (ended != null) {
        end(ended);
      }
      attempt = campaign;
      campaign = null;
      cancel(retry);
      retry = null;
      notifyAll();
    }
    events.deliver();
    client.removeOnClose(closeWithClient);
    if (attempt != null) {
      attempt.cancel(false);
    }
    if (ended != null) {
      ended.lease.close();
    }
  }

  @Override
  public String toString() {
    String now;
    synchronized (this) {
      now = state == State.LEADING && !isLeader() ? "revoking" : state.name().toLowerCase(Locale.ROOT);
    }
    return "LeaderElection[name=" + name + ", participant=" + participantId + ", " + now + "]";
  }

  /** Starts the next attempt to take the lease, unless the election is no longer campaigning. */
  private void campaign() {
    CompletableFuture<Lease> attempt;
    synchronized (this) {
      retry = null;
      if (state != State.CAMPAIGNING) {
        return;
      }
      try {
        attempt = client.acquireAsync(name, options);
      } catch (IllegalStateException closedClient) {
        return; // the client's close action closes this election
      }
      campaign = attempt;
    }
    attempt.whenComplete((lease, failure) -> {
      if (failure == null) {
        campaignWon(attempt, lease);
      } else {
        campaignFailed(attempt, failure);
      }
    });
  }

  private void campaignWon(CompletableFuture<Lease> attempt, Lease lease) {
    Term won = null;
    synchronized (this) {
      if (campaign == attempt && state == State.CAMPAIGNING) {
        campaign = null;
        long untilRevocation = lease.remaining().minus(margin).toNanos();
        // A lease that arrives past its revocation point (a stalled process, a slow answer) is not worth a term.
        if (untilRevocation > 0) {
          won = new Term(lease);
          term = won;
          state = State.LEADING;
          failedCampaigns = 0;
          Term checked = won;
          won.check = scheduleOrNull(() -> check(checked), untilRevocation);
          long token = lease.fencingToken();
          events.add(() -> listener.elected(token));
          notifyAll();
        }
      }
    }
    if (won == null) {
      lease.close();
      stepBack();
      return;
    }
    events.deliver();
    Term lost = won;
    lease.lost().thenRun(() -> revoke(lost));
  }

  private void campaignFailed(CompletableFuture<Lease> attempt, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    synchronized (this) {
      if (campaign != attempt || state != State.CAMPAIGNING) {
        return;
      }
      campaign = null;
      if (cause instanceof CancellationException || cause instanceof IllegalStateException) {
        return; // the lock client closes; its close action closes this election
      }
      Duration delay = options.backoff().delay(++failedCampaigns);
      log.warn("campaign for leadership of '{}' failed; trying again in {} ms", name, delay.toMillis(), cause);
      retry = scheduleOrNull(this::campaign, Acquisition.nanos(delay));
    }
  }

  /** At the revocation point as last computed: the lease may have been renewed since, or not. */
  private void check(Term checked) {
    long untilRevocation = checked.lease.remaining().minus(margin).toNanos();
    if (!checked.over && untilRevocation > 0) {
      synchronized (this) {
        if (term == checked) {
          checked.check = scheduleOrNull(() -> check(checked), untilRevocation);
        }
      }
      return;
    }
    revoke(checked);
  }

  /** Ends a term that reached its revocation point or lost its lease, and campaigns again. */
  private void revoke(Term revoked) {
    synchronized (this) {
      if (term != revoked) {
        return;
      }
      end(revoked);
      state = State.CAMPAIGNING;
    }
    events.deliver();
    revoked.lease.close();
    stepBack();
  }

  /**
   * Campaigns again after the longest backoff: the others, attempting at most that far apart, get the first
   * chance, so a participant whose renewals fail but whose acquisitions succeed does not win every time.
   */
  private void stepBack() {
    synchronized (this) {
      if (state == State.CAMPAIGNING) {
        retry = scheduleOrNull(this::campaign, Acquisition.nanos(options.backoff().max()));
      }
    }
  }

  /** Called holding this: the term is over for every reader before its lease is released. */
  private void end(Term ended) {
    ended.over = true;
    term = null;
    cancel(ended.check);
    ended.check = null;
    events.add(listener::revoked);
  }

  private void checkStarted() {
    if (state == State.NEW) {
      throw new IllegalStateException("election '" + name + "' has not been started");
    }
  }

  private ScheduledFuture<?> scheduleOrNull(Runnable task, long delayNanos) {
    try {
      return client.schedule(task, delayNanos);
    } catch (RejectedExecutionException e) {
      return null; // the client is closing, and its close action closes this election
    }
  }

  private static void cancel(ScheduledFuture<?> task) {
    if (task != null) {
      task.cancel(false);
    }
  }

  private static String participantOf(LockInfo holder) {
    byte[] data = holder.data();
    return data.length > 0 ? new String(data, UTF_8) : holder.owner();
  }

  /** From 20 ms to a tenth of the lease: a resignation is noticed quickly, at ten requests per lease. */
  private static Backoff defaultBackoff(Duration lease) {
    Duration cap = lease.dividedBy(10).compareTo(Duration.ofMillis(1)) < 0
        ? Duration.ofMillis(1) : lease.dividedBy(10);
    return Backoff.exponential(cap.compareTo(Duration.ofMillis(20)) < 0 ? cap : Duration.ofMillis(20), cap);
  }

  /** A quarter of the lease: see {@link Builder#revocationMargin(Duration)}. */
  private static Duration defaultMargin(Duration leaseLength) {
    return leaseLength.dividedBy(4);
  }

  /** One participant's term as leader: its lease, and whether the term is over. */
  private static final class Term {
    final Lease lease;
    volatile boolean over;
    /** The next check of the revocation point; guarded by the election. */
    ScheduledFuture<?> check;

    Term(Lease lease) {
      this.lease = lease;
    }
  }

  /**
   * Receives a participant's changes of leadership. Calls never overlap and come in order; see the class
   * documentation for what they promise. A call that throws is logged and does not affect the election.
   */
  public interface Listener {
    /**
     * This participant became leader.
     *
     * @param fencingToken the term's fencing token, the same as {@link LeaderElection#fencingToken()}
     */
    void elected(long fencingToken);

    /** This participant's term ended: it resigned, its lease ran short or was lost, or it was closed. */
    void revoked();
  }

  /** Configures a {@link LeaderElection}. Not thread-safe. */
  public static final class Builder {
    private static final Listener NO_LISTENER = new Listener() {
      @Override
      public void elected(long fencingToken) {}

      @Override
      public void revoked() {}
    };

    private final LockClient client;
    private final String name;
    private String participantId;
    private LockOptions options = LockOptions.lease(DEFAULT_LEASE);
    private boolean backoffSet;
    private Duration margin;
    private Listener listener = NO_LISTENER;
    private Executor listenerExecutor;

    private Builder(LockClient client, String name) {
      this.client = client;
      this.name = name;
    }

    /**
     * This participant's id, published with its lease while it leads and shown by
     * {@link LeaderElection#leader()}. Defaults to the lock client's {@linkplain LockClient#owner() owner}.
     * Ids need not be unique, but {@link LeaderElection#leader()} cannot tell apart participants that share
     * one.
     *
     * @param participantId a non-blank id of at most {@link LockClient#MAX_OWNER_LENGTH} characters
     * @return this builder
     * @throws NullPointerException if {@code participantId} is null
     * @throws IllegalArgumentException if {@code participantId} is blank or too long
     */
    public Builder participantId(String participantId) {
      Objects.requireNonNull(participantId, "participantId");
      if (participantId.isBlank() || participantId.length() > LockClient.MAX_OWNER_LENGTH) {
        throw new IllegalArgumentException("participantId must be non-blank and at most "
            + LockClient.MAX_OWNER_LENGTH + " characters, was " + participantId.length());
      }
      this.participantId = participantId;
      return this;
    }

    /**
     * The length of the leader's lease; defaults to {@link LeaderElection#DEFAULT_LEASE}. A crashed leader
     * is succeeded about this long (plus the maximum clock skew) after its last renewal.
     *
     * @param leaseLength between {@link LockOptions#MIN_LEASE} and {@link LockOptions#MAX_LEASE}
     * @return this builder
     * @throws NullPointerException if {@code leaseLength} is null
     * @throws IllegalArgumentException if {@code leaseLength} is out of range
     */
    public Builder leaseLength(Duration leaseLength) {
      LockOptions lease = LockOptions.lease(leaseLength);
      this.options = lease.backoff(options.backoff()).maxClockSkew(options.maxClockSkew());
      return this;
    }

    /**
     * How long before the lease's local deadline leadership is revoked when renewals have not moved the
     * deadline: the time a deposed leader has to notice and stop before anyone else can be elected.
     * Defaults to a quarter of the lease length, which leaves a leader whose store cannot be reached
     * five twelfths of the lease to renew, from its last renewal a third of a lease into the lease.
     *
     * @param margin positive, and at most half the lease length (checked by {@link #build()}): renewals
     *     every third of the lease keep a healthy leader's remaining lease above two thirds of it
     * @return this builder
     * @throws NullPointerException if {@code margin} is null
     * @throws IllegalArgumentException if {@code margin} is not positive
     */
    public Builder revocationMargin(Duration margin) {
      Objects.requireNonNull(margin, "margin");
      if (margin.isNegative() || margin.isZero()) {
        throw new IllegalArgumentException("revocation margin must be positive, was " + margin);
      }
      this.margin = margin;
      return this;
    }

    /**
     * The backoff between attempts while campaigning. Defaults to jittered exponential backoff from 20 ms up
     * to a tenth of the lease length: participants in other processes notice a resignation within about a
     * tenth of a lease, for at most about ten requests per lease from each waiting participant.
     *
     * @param backoff the backoff
     * @return this builder
     * @throws NullPointerException if {@code backoff} is null
     */
    public Builder backoff(Backoff backoff) {
      this.options = options.backoff(backoff);
      this.backoffSet = true;
      return this;
    }

    /**
     * The most by which clocks may disagree; see {@link LockOptions#maxClockSkew(Duration)}. Defaults to
     * {@link LockOptions#DEFAULT_MAX_CLOCK_SKEW}.
     *
     * @param maxClockSkew zero or positive, at most {@link LockOptions#MAX_CLOCK_SKEW}
     * @return this builder
     * @throws NullPointerException if {@code maxClockSkew} is null
     * @throws IllegalArgumentException if {@code maxClockSkew} is negative or too large
     */
    public Builder maxClockSkew(Duration maxClockSkew) {
      this.options = options.maxClockSkew(maxClockSkew);
      return this;
    }

    /**
     * The listener told of this participant's changes of leadership; by default none.
     *
     * @param listener the listener
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The executor the listener runs on; it may be a pool, calls still never overlap. Defaults to the lock
     * client's {@linkplain LockClient.Builder#callbackExecutor(Executor) callback executor}. If it rejects a
     * call, the call runs in the thread that triggered it.
     *
     * @param listenerExecutor the executor
     * @return this builder
     * @throws NullPointerException if {@code listenerExecutor} is null
     */
    public Builder listenerExecutor(Executor listenerExecutor) {
      this.listenerExecutor = Objects.requireNonNull(listenerExecutor, "listenerExecutor");
      return this;
    }

    /**
     * Creates the participant; it campaigns once {@linkplain LeaderElection#start() started}.
     *
     * @return the participant
     * @throws IllegalArgumentException if the revocation margin is more than half the lease length
     */
    public LeaderElection build() {
      if (margin != null && margin.multipliedBy(2).compareTo(options.leaseLength()) > 0) {
        throw new IllegalArgumentException("revocation margin " + margin + " is more than half the lease length "
            + options.leaseLength());
      }
      return new LeaderElection(this);
    }
  }
}
