package dev.leasehold.kv.dynamodb;

import dev.leasehold.kv.Store;
import dev.leasehold.kv.testkit.DynamoDbLocal;
import dev.leasehold.locks.testkit.LockContract;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The whole lock contract on DynamoDB Local over HTTP: one table, a fresh bucket per store. */
@ExtendWith(DynamoDbLocal.class)
class DynamoDbLockContractTest extends LockContract {
  private static final String TABLE = "locks";

  private final DynamoDbClient client;

  DynamoDbLockContractTest(DynamoDbClient client) {
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

  /** DynamoDB Local serves about a thousand requests a second; the fuzz keeps its shape at a smaller size. */
  @Override
  public int fuzzRoundsPerThread() {
    return 20;
  }

  @Override
  public int manyLeases() {
    return 200;
  }
}
