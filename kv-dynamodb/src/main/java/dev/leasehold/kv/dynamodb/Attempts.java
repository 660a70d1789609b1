package dev.leasehold.kv.dynamodb;

import dev.leasehold.kv.Backoff;
import dev.leasehold.kv.StoreUnavailableException;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.function.Supplier;

/**
 * Runs an operation again, a bounded number of times, when an attempt throws {@link TryAgain}: at once when
 * the attempt learned the state it had guessed wrong, after a jittered exponential backoff when it collided
 * with a concurrent transaction. The SDK's own retries (throttling, 5xx, timeouts) happen inside each attempt.
 */
final class Attempts {
  private final int maxAttempts;
  private final Retry retry;

  Attempts(int maxAttempts, Backoff backoff) {
    this.maxAttempts = maxAttempts;
    this.retry = Retry.of("leasehold-dynamodb", RetryConfig.custom()
        .maxAttempts(maxAttempts)
        .retryExceptions(TryAgain.class)
        .intervalBiFunction((attempt, outcome) ->
            outcome.isLeft() && outcome.getLeft() instanceof TryAgain again && again.isImmediate()
                ? 0L
                : backoff.delay(attempt).toMillis())
        .build());
  }

  /**
   * Runs {@code attempt} until it returns or throws something other than {@link TryAgain}.
   *
   * @param operation what is attempted, for the message
   * @throws StoreUnavailableException when every attempt asked to try again
   */
  <T> T run(String operation, Supplier<T> attempt) {
    try {
      return retry.executeSupplier(attempt);
    } catch (TryAgain exhausted) {
      throw new StoreUnavailableException(
          operation + " did not succeed in " + maxAttempts + " attempts: contention on the same items",
          exhausted.getCause());
    }
  }
}
