package dev.leasehold.kv.dynamodb;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where a store's items live: one bucket (partition) of one table, reached through the user's client.
 *
 * @param client the user's client
 * @param table the table name
 * @param name the bucket, the partition key of every item
 */
record Bucket(DynamoDbClient client, String table, String name) {

  /** The primary key of {@code key}'s item. */
  Map<String, AttributeValue> key(String key) {
    return StoredItem.key(name, key);
  }

  /** Names an operation on one key for messages. */
  String describe(String operation, String key) {
    return operation + " of key '" + key + "' in " + this;
  }

  @Override
  public String toString() {
    return "DynamoDB table '" + table + "', bucket '" + name + "'";
  }
}
