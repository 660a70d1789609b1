package dev.leasehold.locks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A held lock: the right to act alone on what the lock protects until the lease's local deadline, proven to
 * others by its fencing token. Obtained from {@link LockClient}; thread-safe.
 *
 * <pre>{@code
 * try (Lease lease = locks.acquire("orders/42", LockOptions.lease(Duration.ofSeconds(10)))) {
 *   orders.update(order, lease.fencingToken());   // the resource rejects tokens smaller than the last it saw
 * }
 * }</pre>
 *
 * <h2>The local deadline</h2>
 * The holder measures its lease on its own monotonic {@link Ticker}, starting from the moment before the
 * request that acquired or last renewed it was sent; the store keeps the record at least that long. Past the
 * deadline the lease is lost, whether or not any request failed: {@link #isValid()} turns false at the
 * deadline and {@link #lost()} completes with {@link LossReason#EXPIRED}.
 *
 * <h2>Why the fencing token matters</h2>
 * A process can pause (garbage collection, a stalled VM, a slow disk) between checking {@link #isValid()}
 * and acting, and resume after its lease ended and another owner took the lock. No lock can prevent that;
 * the protected resource can, by remembering the largest fencing token it has seen and rejecting requests
 * carrying a smaller one.
 */
public interface Lease extends AutoCloseable {

  /**
   * The lock's name.
   *
   * @return the name
   */
  String name();

  /**
   * The fencing token: the same for the whole lease, including across renewals, and strictly larger for every
   * later holder of this lock, even after the lock's record was deleted and created again.
   *
   * @return the token, positive
   */
  long fencingToken();

  /**
   * Whether the lease is held: not lost, not released, and its local deadline not yet reached. A true answer
   * may be stale by the time the caller acts on it; see the class documentation on fencing tokens.
   *
   * @return true while the lease is held
   */
  boolean isValid();

  /**
   * Time left until the local deadline.
   *
   * @return the remaining time; zero once the lease is no longer {@linkplain #isValid() valid}
   */
  Duration remaining();

  /**
   * The lease length it was acquired with.
   *
   * @return the lease length
   */
  Duration leaseLength();

  /**
   * The data published with this lease.
   *
   * @return a copy of the data, empty when none was published
   */
  byte[] data();

  /**
   * Renews the lease now, moving its local deadline to one lease length after this call's request was sent.
   * Usually one request. If the store cannot be reached the renewal is retried with backoff until the local
   * deadline; a renewal whose answer was lost but which was applied is recognised and kept. Works with
   * automatic and manual renewal alike.
   *
   * @throws LeaseLostException if the lease is or becomes lost before a renewal succeeds; its
   *     {@link LeaseLostException#reason() reason} says why
   * @throws InterruptedException if the calling thread is interrupted while waiting for a retry; the lease is
   *     unaffected
   */
  void renew() throws InterruptedException;

  /**
   * Stops automatic renewal: the lease stays valid until its local deadline, then expires, unless
   * {@link #renew()} is called. Idempotent.
   */
  void stopRenewal();

  /**
   * A future that completes, at most once, with the reason the lease ended. It never completes exceptionally.
   * Dependent actions run on the client's callback executor, never on the thread that renews leases, so a
   * slow listener cannot delay renewals. Each call returns a new view: completing or cancelling it has no
   * effect on the lease or on other views.
   *
   * @return the loss signal
   */
  CompletableFuture<LossReason> lost();

  /**
   * Releases the lease: one compare-and-delete of the holder's own record, so a successor's record is never
   * removed. The lease is no longer valid as soon as this method is called; {@link #lost()} completes with
   * {@link LossReason#RELEASED} once the record is deleted. If the store cannot be reached the release is
   * retried in the background until the local deadline, after which the record expires by itself.
   *
   * <p>A lease that already {@linkplain LossReason#EXPIRED expired} may still have its record in the store
   * (after a pause, say); closing it makes one attempt to delete that record, by the same compare-and-delete,
   * so that waiters need not wait for it to expire. A stolen or released lease is left alone. Only the first
   * call does anything.
   */
  @Override
  void close();
}
