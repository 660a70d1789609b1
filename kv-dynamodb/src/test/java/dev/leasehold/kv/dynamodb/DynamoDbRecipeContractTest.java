package dev.leasehold.kv.dynamodb;

import dev.leasehold.kv.Store;
import dev.leasehold.kv.testkit.DynamoDbLocal;
import dev.leasehold.locks.testkit.RecipeContract;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Leader election and semaphores on DynamoDB Local over HTTP: one table, a fresh bucket per store. */
@ExtendWith(DynamoDbLocal.class)
class DynamoDbRecipeContractTest extends RecipeContract {
  private static final String TABLE = "recipes";

  private final DynamoDbClient client;

  DynamoDbRecipeContractTest(DynamoDbClient client) {
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

  /** DynamoDB Local serves about a thousand requests a second; the fuzzes keep their shape at a smaller size. */
  @Override
  public int electionFuzzSteps() {
    return 150;
  }

  @Override
  public int semaphoreRoundsPerThread() {
    return 20;
  }
}
