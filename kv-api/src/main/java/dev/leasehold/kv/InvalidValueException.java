package dev.leasehold.kv;

/**
 * A value is null or larger than {@link Limits#MAX_VALUE_BYTES}, or the values of one commit together exceed
 * {@link Limits#MAX_COMMIT_BYTES}. Thrown before any request is sent.
 */
public class InvalidValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which limit the value breaks
   */
  public InvalidValueException(String message) {
    super(message);
  }
}
