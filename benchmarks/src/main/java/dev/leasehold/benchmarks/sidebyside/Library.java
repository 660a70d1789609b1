package dev.leasehold.benchmarks.sidebyside;

import java.util.function.BiFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A lock library, configured for the run, that scenarios open as often as they need fresh processes.
 *
 * @param name how the report names it
 * @param factory opens a lock client of this library on a DynamoDB client, with an owner name
 */
record Library(String name, BiFunction<DynamoDbClient, String, LockService> factory) {

  /** A new lock client, as one process would have it. */
  LockService open(DynamoDbClient dynamoDb, String owner) {
    return factory.apply(dynamoDb, owner);
  }
}
