package dev.leasehold.kv;

/**
 * An operation that requires a live entry found none (never written, deleted or expired); nothing was
 * written. {@link #current()} is always empty.
 */
public class KeyNotFoundException extends ConditionFailedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param key the key that has no live entry
   */
  public KeyNotFoundException(String key) {
    super("key '" + key + "' not found", key, null);
  }
}
