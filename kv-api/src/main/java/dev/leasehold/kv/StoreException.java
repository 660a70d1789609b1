package dev.leasehold.kv;

/**
 * Base of every exception a {@link Store} throws for a reason other than bad input.
 *
 * <p>Messages name keys and limits but never contain values or credentials, so they are safe to log. When
 * the failure comes from a backend, the backend's exception is kept as the {@linkplain #getCause() cause}.
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong; must not contain values or credentials
   */
  public StoreException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the backend failure that caused it.
   *
   * @param message what went wrong; must not contain values or credentials
   * @param cause the underlying failure, kept for diagnosis
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
