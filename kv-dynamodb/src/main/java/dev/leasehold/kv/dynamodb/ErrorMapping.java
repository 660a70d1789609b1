package dev.leasehold.kv.dynamodb;

import dev.leasehold.kv.StoreException;
import dev.leasehold.kv.StoreUnavailableException;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Turns AWS SDK failures that remain after the SDK's own retries into the Store's exceptions. Messages name
 * the operation and DynamoDB's error code, never the SDK's message (which may echo request data); the SDK
 * exception is kept as the cause.
 */
final class ErrorMapping {
  private static final int FIRST_SERVER_ERROR = 500;
  /** Cancellation reasons of a transaction that mean "too many requests". */
  private static final Set<String> THROTTLED = Set.of("ThrottlingError", "ProvisionedThroughputExceeded");

  private ErrorMapping() {}

  /**
   * Maps a failure.
   *
   * @param failure what the SDK threw
   * @param operation what failed, for the message, such as {@code "get of key 'a'"}
   * @return {@link StoreUnavailableException} for throttling (also of transactions), server errors, timeouts
   *     and connection failures; {@link StoreException} for everything else
   */
  static StoreException translate(SdkException failure, String operation) {
    if (failure instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()) {
      Set<String> reasons = new TreeSet<>();
      cancelled.cancellationReasons().forEach(reason -> reasons.add(String.valueOf(reason.code())));
      reasons.remove("None");
      String detail = operation + " was cancelled by DynamoDB: " + reasons;
      return reasons.stream().anyMatch(THROTTLED::contains)
          ? new StoreUnavailableException(detail, failure)
          : new StoreException(detail, failure);
    }
    if (failure instanceof AwsServiceException service) {
      String code = service.awsErrorDetails() == null ? "unknown" : service.awsErrorDetails().errorCode();
      String detail = operation + " failed: DynamoDB returned " + code + " (HTTP " + service.statusCode() + ")";
      if (service.isThrottlingException() || service.statusCode() >= FIRST_SERVER_ERROR) {
        return new StoreUnavailableException(detail, failure);
      }
      return new StoreException(detail, failure);
    }
    if (failure instanceof SdkClientException) {
      // Timeouts, refused or broken connections, and interrupted calls.
      return new StoreUnavailableException(
          operation + " failed: DynamoDB could not be reached (" + failure.getClass().getSimpleName() + ")", failure);
    }
    return new StoreException(operation + " failed (" + failure.getClass().getSimpleName() + ")", failure);
  }
}
