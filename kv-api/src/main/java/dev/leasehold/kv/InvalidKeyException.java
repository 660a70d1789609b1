package dev.leasehold.kv;

/**
 * A key (or list prefix) breaks the key rules: null, empty, longer than {@link Limits#MAX_KEY_BYTES} UTF-8
 * bytes, or containing an unpaired surrogate. Thrown before any request is sent.
 */
public class InvalidKeyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which rule the key breaks
   */
  public InvalidKeyException(String message) {
    super(message);
  }
}
