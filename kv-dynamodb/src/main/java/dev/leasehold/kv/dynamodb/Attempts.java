package dev.leasehold.kv.dynamodb;

import dev.leasehold.kv.Backoff;
import dev.leasehold.kv.StoreException;
import dev.leasehold.kv.StoreUnavailableException;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * Runs the requests of one operation: again, a bounded number of times, when an attempt throws
 * {@link TryAgain} (at once when the attempt learned the state it had guessed wrong, after a jittered
 * exponential backoff when it collided with a concurrent transaction), and with SDK failures translated to
 * the Store's exceptions. The SDK's own retries (throttling, 5xx, timeouts) happen inside each attempt.
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
   * Runs {@code attempt} until it returns or throws something other than {@link TryAgain}. A single-item
   * write that meets an item a transaction is changing counts as a collision.
   *
   * @param operation what is attempted, for messages
   * @throws StoreUnavailableException when every attempt asked to try again
   * @throws StoreException translated from the SDK failure that ended an attempt
   */
  <T> T run(String operation, Supplier<T> attempt) {
    try {
      return retry.executeSupplier(() -> {
        try {
          return attempt.get();
        } catch (TransactionConflictException e) {
          throw TryAgain.afterBackoff(e);
        }
      });
    } catch (TryAgain exhausted) {
      throw new StoreUnavailableException(
          operation + " did not succeed in " + maxAttempts + " attempts: contention on the same items",
          exhausted.getCause());
    } catch (SdkException e) {
      if (e instanceof AbortedException) {
        // The SDK reports an interrupted call this way; the caller must still see the interrupt.
        Thread.currentThread().interrupt();
      }
      throw ErrorMapping.translate(e, operation);
    }
  }
}
