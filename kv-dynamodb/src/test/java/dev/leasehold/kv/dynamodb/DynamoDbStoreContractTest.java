package dev.leasehold.kv.dynamodb;

import dev.leasehold.kv.Store;
import dev.leasehold.kv.testkit.DynamoDbLocal;
import dev.leasehold.kv.testkit.StoreContract;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The whole Store contract against DynamoDB Local over HTTP: one table, a fresh bucket per test. */
@ExtendWith(DynamoDbLocal.class)
class DynamoDbStoreContractTest extends StoreContract {
  private static final String TABLE = "contract";

  private final DynamoDbClient client;

  DynamoDbStoreContractTest(DynamoDbClient client) {
    this.client = client;
  }

  @BeforeAll
  static void createTable(DynamoDbClient client) {
    DynamoDbTables.ensure(client, TABLE);
  }

  @Override
  protected Store createStore(Clock clock) {
    return DynamoDbStore.builder(client, TABLE, DynamoDbLocal.uniqueName("bucket")).clock(clock).build();
  }
}
