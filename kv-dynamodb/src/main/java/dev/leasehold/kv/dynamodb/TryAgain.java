package dev.leasehold.kv.dynamodb;

/**
 * Signals to {@link Attempts} that an attempt lost a race or guessed the item's state wrong, and that
 * another attempt may succeed. Never leaves the package.
 */
final class TryAgain extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean immediately;

  private TryAgain(Throwable cause, boolean immediately) {
    super(null, cause, false, false);
    this.immediately = immediately;
  }

  /**
   * The attempt learned what it needed (the item its condition failed on) and can be planned right again.
   *
   * @param cause the failure that carried the item
   */
  static TryAgain immediately(Throwable cause) {
    return new TryAgain(cause, true);
  }

  /**
   * The attempt collided with another writer or was not served; retry after a backoff.
   *
   * @param cause the failure, or null when DynamoDB answered without making progress
   */
  static TryAgain afterBackoff(Throwable cause) {
    return new TryAgain(cause, false);
  }

  boolean isImmediate() {
    return immediately;
  }
}
