package dev.leasehold.kv;

import java.util.Optional;

/**
 * A conditional write or delete found the key in a state other than the one it required; nothing was
 * written.
 *
 * <p>{@link #current()} is the entry as the failed request saw it (empty when the key is absent), read in the
 * same request, so an optimistic loop can retry without another read.
 */
public abstract class ConditionFailedException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** The key whose condition failed. */
  private final String key;
  private final transient Entry current;

  /**
   * Creates the exception.
   *
   * @param message what was expected; must not contain values
   * @param key the key whose condition failed
   * @param current the entry as it is now, or {@code null} when the key is absent
   */
  protected ConditionFailedException(String message, String key, Entry current) {
    super(message);
    this.key = key;
    this.current = current;
  }

  /**
   * The key whose condition failed.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * The entry as the failed request found it.
   *
   * @return the current entry, or empty when the key is absent (never written, deleted or expired)
   */
  public Optional<Entry> current() {
    return Optional.ofNullable(current);
  }
}
