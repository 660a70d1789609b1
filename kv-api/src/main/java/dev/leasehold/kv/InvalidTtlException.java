package dev.leasehold.kv;

/**
 * A time-to-live is not positive, or an expiry instant is not after the store's current time or lies
 * beyond {@link Limits#MAX_EXPIRY}. Thrown before any request is sent.
 */
public class InvalidTtlException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which rule the expiry breaks
   */
  public InvalidTtlException(String message) {
    super(message);
  }
}
