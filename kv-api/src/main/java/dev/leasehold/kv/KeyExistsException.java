package dev.leasehold.kv;

/**
 * {@link Store#create} found a live entry at the key; nothing was written. {@link #current()} holds it.
 */
public class KeyExistsException extends ConditionFailedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param key the key that already exists
   * @param current the live entry found at the key
   */
  public KeyExistsException(String key, Entry current) {
    super("key '" + key + "' already exists at version " + current.version(), key, current);
  }
}
