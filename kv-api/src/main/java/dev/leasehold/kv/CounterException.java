package dev.leasehold.kv;

/**
 * A counter mutation ({@code sum}, {@code min}, {@code max}) of an {@link AtomicOperation} could not be
 * applied: the sum overflows a signed 64-bit integer, or the key holds a value that is not a counter. The
 * whole commit is rejected and nothing is written.
 */
public class CounterException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** The key whose counter mutation failed. */
  private final String key;

  /**
   * Creates the exception.
   *
   * @param key the key whose counter mutation failed
   * @param message why it failed; must not contain values
   */
  public CounterException(String key, String message) {
    super(message);
    this.key = key;
  }

  /**
   * The key whose counter mutation failed.
   *
   * @return the key
   */
  public String key() {
    return key;
  }
}
