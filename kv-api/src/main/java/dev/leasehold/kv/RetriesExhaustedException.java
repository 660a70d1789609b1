package dev.leasehold.kv;

/**
 * An optimistic read-modify-write lost the race on every attempt it was allowed; nothing was written by
 * the last attempt. The {@linkplain #getCause() cause} is the conflict that ended the last attempt.
 */
public class RetriesExhaustedException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** The contended key. */
  private final String key;
  /** How many attempts were made. */
  private final int attempts;

  /**
   * Creates the exception.
   *
   * @param key the contended key
   * @param attempts how many attempts were made
   * @param lastConflict the failure of the last attempt
   */
  public RetriesExhaustedException(String key, int attempts, ConditionFailedException lastConflict) {
    super("update of key '" + key + "' conflicted on all " + attempts + " attempts", lastConflict);
    this.key = key;
    this.attempts = attempts;
  }

  /**
   * The contended key.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * How many attempts were made before giving up.
   *
   * @return the number of attempts, at least 1
   */
  public int attempts() {
    return attempts;
  }
}
