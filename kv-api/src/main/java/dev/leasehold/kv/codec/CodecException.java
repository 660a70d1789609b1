package dev.leasehold.kv.codec;

import dev.leasehold.kv.StoreException;

/**
 * A {@link Codec} could not encode a value or decode stored bytes. The message never contains the value.
 */
public class CodecException extends StoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what could not be encoded or decoded
   * @param cause the underlying failure, if any
   */
  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
