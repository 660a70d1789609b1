package dev.leasehold.kv;

/**
 * The backend could not be reached or refused to serve the request for now: throttling, timeouts, 5xx
 * responses or connection failures that remained after the backend client's own retries.
 *
 * <p>The operation may or may not have been applied (a timed-out write can still land). Retrying later is
 * reasonable; conditional writes make such a retry safe because a write that did land changes the version.
 */
public class StoreUnavailableException extends StoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what could not be done; must not contain values or credentials
   * @param cause the backend failure
   */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
