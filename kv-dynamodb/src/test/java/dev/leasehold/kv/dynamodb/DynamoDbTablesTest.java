package dev.leasehold.kv.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leasehold.kv.testkit.DynamoDbLocal;
import dev.leasehold.kv.testkit.DynamoDbLocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

@ExtendWith(DynamoDbLocal.class)
class DynamoDbTablesTest {

  @Test
  void ensureCreatesAnActiveOnDemandTableWithTtlOnGc(DynamoDbClient client) {
    String table = DynamoDbLocal.uniqueName("tables");

    assertThat(DynamoDbTables.ensure(client, table)).isTrue();

    TableDescription description = client.describeTable(b -> b.tableName(table)).table();
    assertThat(description.tableStatus()).isEqualTo(TableStatus.ACTIVE);
    assertThat(description.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(description.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
        .containsExactlyInAnyOrder("pk:" + KeyType.HASH, "sk:" + KeyType.RANGE);
    assertThat(description.attributeDefinitions()).allSatisfy(
        attribute -> assertThat(attribute.attributeType()).isEqualTo(ScalarAttributeType.S));
    TimeToLiveDescription ttl = client.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
    assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
    assertThat(ttl.attributeName()).isEqualTo("gc");
  }

  @Test
  void ensureOfAnExistingTableIsANoOp(DynamoDbClient client) {
    String table = DynamoDbLocal.uniqueName("tables");
    DynamoDbTables.ensure(client, table);

    assertThat(DynamoDbTables.ensure(client, table)).isFalse();
    assertThat(DynamoDbTables.ensure(client, table)).isFalse();
    assertThat(client.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription().timeToLiveStatus())
        .isEqualTo(TimeToLiveStatus.ENABLED);
  }

  @Test
  void invalidTableNamesAreRejectedBeforeAnyRequest(DynamoDbLocalServer server) {
    RequestLog requests = new RequestLog();
    DynamoDbClient counted = server.newClient(requests);

    assertThatThrownBy(() -> DynamoDbTables.ensure(counted, "t")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 to 255");
    assertThatThrownBy(() -> DynamoDbStore.builder(counted, "orders/2024", "bucket"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(requests.operations()).isEmpty();
    counted.close();
  }

  @Test
  void createRefusesAnExistingTable(DynamoDbClient client) {
    String table = DynamoDbLocal.uniqueName("tables");
    DynamoDbTables.create(client, table);

    assertThatThrownBy(() -> DynamoDbTables.create(client, table))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already exists");
  }

  @Test
  void ensureRefusesATableWithAnotherKeySchema(DynamoDbClient client) {
    String table = DynamoDbLocal.uniqueName("tables");
    client.createTable(b -> b.tableName(table)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));

    assertThatThrownBy(() -> DynamoDbTables.ensure(client, table))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("key schema");
  }
}
