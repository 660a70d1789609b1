package dev.leasehold.kv;

/**
 * A compare-and-set found the key at a version other than the expected one; nothing was written.
 * {@link #current()} holds the entry at its current version.
 */
public class VersionMismatchException extends ConditionFailedException {
  private static final long serialVersionUID = 1L;

  /** The version the failed operation required. */
  private final long expectedVersion;

  /**
   * Creates the exception.
   *
   * @param key the key
   * @param expectedVersion the version the caller required
   * @param current the live entry found at the key
   */
  public VersionMismatchException(String key, long expectedVersion, Entry current) {
    super("key '" + key + "' is at version " + current.version() + ", expected " + expectedVersion, key,
        current);
    this.expectedVersion = expectedVersion;
  }

  /**
   * The version the failed operation required.
   *
   * @return the expected version
   */
  public long expectedVersion() {
    return expectedVersion;
  }
}
