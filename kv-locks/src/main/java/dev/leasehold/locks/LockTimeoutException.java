package dev.leasehold.locks;

import java.time.Duration;
import java.util.Optional;

/**
 * A lock could not be acquired within the wait its {@link LockOptions} allowed. The message and
 * {@link #holder()} say who held it when the last attempt was made; when the store could not be reached,
 * the {@linkplain #getCause() cause} is the last failure. Nothing was left behind: the caller holds no lease
 * and no record of the caller's remains in the store.
 */
public class LockTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The lock's name. */
  private final String name;
  /** How long the caller waited. */
  private final Duration waited;
  private final transient LockInfo holder;

  /**
   * Creates the exception.
   *
   * @param name the lock's name
   * @param waited how long the caller waited
   * @param holder who held the lock at the last attempt, or null if unknown
   * @param cause the last failure to reach the store, or null
   */
  public LockTimeoutException(String name, Duration waited, LockInfo holder, Throwable cause) {
    super(message(name, waited, holder, cause), cause);
    this.name = name;
    this.waited = waited;
    this.holder = holder;
  }

  private static String message(String name, Duration waited, LockInfo holder, Throwable cause) {
    String why = holder != null
        ? "held by '" + holder.owner() + "' (fencing token " + holder.fencingToken() + ")"
        : cause != null ? "the store could not be reached" : "busy";
    return "lock '" + name + "' not acquired" + (waited.isZero() ? "" : " within " + waited) + ": " + why;
  }

  /**
   * The lock's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * How long the caller waited.
   *
   * @return the wait; zero for a single attempt
   */
  public Duration waited() {
    return waited;
  }

  /**
   * Who held the lock when the last attempt found it held.
   *
   * @return the holder, or empty when the last attempt could not reach the store
   */
  public Optional<LockInfo> holder() {
    return Optional.ofNullable(holder);
  }
}
