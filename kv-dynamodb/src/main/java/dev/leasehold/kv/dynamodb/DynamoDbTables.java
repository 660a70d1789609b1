package dev.leasehold.kv.dynamodb;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Creates the tables {@link DynamoDbStore} works on: on-demand billing, partition key {@code pk} (S), sort
 * key {@code sk} (S), and DynamoDB's TTL enabled on {@code gc} so tombstones and expired entries are removed
 * eventually. One table serves any number of buckets.
 *
 * <p>Both methods wait until the table is {@code ACTIVE}, polling once a second for at most five minutes.
 * Failures of the requests throw {@link dev.leasehold.kv.StoreException} or
 * {@link dev.leasehold.kv.StoreUnavailableException} with the SDK exception as the cause.
 */
public final class DynamoDbTables {
  private static final WaiterOverrideConfiguration UNTIL_ACTIVE = WaiterOverrideConfiguration.builder()
      .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofSeconds(1)))
      .maxAttempts(300)
      .waitTimeout(Duration.ofMinutes(5))
      .build();

  /** DynamoDB's rule for table names. */
  private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

  private DynamoDbTables() {}

  /**
   * Checks a table name against DynamoDB's rule, so a bad name fails before any request.
   *
   * @throws IllegalArgumentException if the name is not 3 to 255 characters of {@code a-z A-Z 0-9 _ - .}
   */
  static String checkName(String table) {
    Objects.requireNonNull(table, "table");
    if (!TABLE_NAME.matcher(table).matches()) {
      throw new IllegalArgumentException(
          "table name must be 3 to 255 characters of a-z A-Z 0-9 _ - . , was '" + table + "'");
    }
    return table;
  }

  /**
   * Creates a table, which must not exist yet.
   *
   * @param client the client to send requests with
   * @param table the table name (3 to 255 characters of {@code a-z A-Z 0-9 _ - .})
   * @throws IllegalArgumentException if the name breaks DynamoDB's rule (before any request)
   * @throws IllegalStateException if a table of that name exists; it is left as it is
   * @throws dev.leasehold.kv.StoreException if a request fails or the table does not become active in time
   */
  public static void create(DynamoDbClient client, String table) {
    prepare(client, table, true);
  }

  /**
   * Makes sure a table exists: creates it if it is missing, otherwise checks its key schema. Either way
   * waits until it is active and enables TTL on {@code gc} if it is not enabled yet. Idempotent and safe to
   * call from several processes at once.
   *
   * @param client the client to send requests with
   * @param table the table name (3 to 255 characters of {@code a-z A-Z 0-9 _ - .})
   * @return true if this call created the table
   * @throws IllegalArgumentException if the name breaks DynamoDB's rule (before any request)
   * @throws IllegalStateException if the table exists with another key schema or TTL attribute
   * @throws dev.leasehold.kv.StoreException if a request fails or the table does not become active in time
   */
  public static boolean ensure(DynamoDbClient client, String table) {
    return prepare(client, table, false);
  }

  private static boolean prepare(DynamoDbClient client, String table, boolean mustCreate) {
    Objects.requireNonNull(client, "client");
    checkName(table);
    String operation = "creating DynamoDB table '" + table + "'";
    try {
      boolean created = createIfMissing(client, table);
      if (!created && mustCreate) {
        throw new IllegalStateException("table '" + table + "' already exists");
      }
      TableDescription description;
      try (DynamoDbWaiter waiter = client.waiter()) {
        description = waiter.waitUntilTableExists(
            DescribeTableRequest.builder().tableName(table).build(), UNTIL_ACTIVE).matched().response()
            .orElseThrow(() -> new IllegalStateException("table '" + table + "' did not become active"))
            .table();
      }
      checkKeySchema(table, description.keySchema());
      enableTimeToLive(client, table);
      return created;
    } catch (SdkException e) {
      throw ErrorMapping.translate(e, operation);
    }
  }

  private static boolean createIfMissing(DynamoDbClient client, String table) {
    try {
      client.describeTable(b -> b.tableName(table));
      return false;
    } catch (ResourceNotFoundException missing) {
      try {
        client.createTable(b -> b
            .tableName(table)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(
                attribute(StoredItem.BUCKET), attribute(StoredItem.KEY))
            .keySchema(
                key(StoredItem.BUCKET, KeyType.HASH), key(StoredItem.KEY, KeyType.RANGE)));
        return true;
      } catch (ResourceInUseException createdConcurrently) {
        return false;
      }
    }
  }

  private static void checkKeySchema(String table, List<KeySchemaElement> schema) {
    if (!schema.equals(List.of(key(StoredItem.BUCKET, KeyType.HASH), key(StoredItem.KEY, KeyType.RANGE)))
        && !schema.equals(List.of(key(StoredItem.KEY, KeyType.RANGE), key(StoredItem.BUCKET, KeyType.HASH)))) {
      throw new IllegalStateException("table '" + table + "' has key schema " + schema
          + "; Leasehold needs partition key 'pk' and sort key 'sk', both strings");
    }
  }

  private static void enableTimeToLive(DynamoDbClient client, String table) {
    TimeToLiveDescription ttl = client.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
    TimeToLiveStatus status = ttl == null ? TimeToLiveStatus.DISABLED : ttl.timeToLiveStatus();
    if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
      if (!StoredItem.GC.equals(ttl.attributeName())) {
        throw new IllegalStateException("table '" + table + "' has TTL on attribute '" + ttl.attributeName()
            + "'; Leasehold needs it on '" + StoredItem.GC + "'");
      }
      return;
    }
    client.updateTimeToLive(b -> b.tableName(table)
        .timeToLiveSpecification(spec -> spec.enabled(true).attributeName(StoredItem.GC)));
  }

  private static AttributeDefinition attribute(String name) {
    return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }
}
