package dev.leasehold.kv.dynamodb;

import dev.leasehold.kv.StoreException;
import dev.leasehold.kv.StoreUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns AWS SDK failures that remain after the SDK's own retries into the Store's exceptions. Messages name
 * the operation and DynamoDB's error code, never the SDK's message (which may echo request data); the SDK
 * exception is kept as the cause.
 */
final class ErrorMapping {
  private static final int FIRST_SERVER_ERROR = 500;

  private ErrorMapping() {}

  /**
   * Maps a failure.
   *
   * @param failure what the SDK threw
   * @param operation what failed, for the message, such as {@code "get of key 'a'"}
   * @return {@link StoreUnavailableException} for throttling, server errors, timeouts and connection
   *     failures; {@link StoreException} for everything else
   */
  static StoreException translate(SdkException failure, String operation) {
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
