package dev.leasehold.kv;

/**
 * One request names more distinct keys than allowed: more than {@link Limits#MAX_COMMIT_KEYS} in an atomic
 * commit or more than {@link Limits#MAX_BATCH_KEYS} in {@link Store#getAll}. Thrown before any request is
 * sent.
 */
public class TooManyKeysException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which limit was exceeded
   */
  public TooManyKeysException(String message) {
    super(message);
  }
}
