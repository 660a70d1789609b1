package dev.leasehold.locks;

/**
 * An operation needed a held lease, but the lease had ended; {@link #reason()} says how.
 */
public class LeaseLostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The lock's name. */
  private final String name;
  /** Why the lease ended. */
  private final LossReason reason;

  /**
   * Creates the exception.
   *
   * @param name the lock's name
   * @param reason why the lease ended
   */
  public LeaseLostException(String name, LossReason reason) {
    super("lease on lock '" + name + "' has ended: " + reason);
    this.name = name;
    this.reason = reason;
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
   * Why the lease ended.
   *
   * @return the reason
   */
  public LossReason reason() {
    return reason;
  }
}
