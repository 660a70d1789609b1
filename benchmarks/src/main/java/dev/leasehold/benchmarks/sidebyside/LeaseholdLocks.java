package dev.leasehold.benchmarks.sidebyside;

import dev.leasehold.kv.dynamodb.DynamoDbStore;
import dev.leasehold.kv.dynamodb.DynamoDbTables;
import dev.leasehold.locks.Lease;
import dev.leasehold.locks.LockClient;
import dev.leasehold.locks.LockOptions;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Leasehold's {@link LockClient} on a {@link DynamoDbStore}, with automatic renewal (every third of the
 * lease), the default backoff and clock skew, waiting without limit.
 */
final class LeaseholdLocks implements LockService {
  static final String TABLE = "leasehold";
  private static final String BUCKET = "locks";

  private final LockClient client;
  private final LockOptions options;

  LeaseholdLocks(DynamoDbClient dynamoDb, Duration lease, String owner) {
    this.client = LockClient.builder(DynamoDbStore.builder(dynamoDb, TABLE, BUCKET).build()).owner(owner).build();
    this.options = LockOptions.lease(lease).waitForever();
  }

  /** Creates the table as Leasehold's documentation says: {@link DynamoDbTables#ensure}. */
  static void createTable(DynamoDbClient dynamoDb) {
    DynamoDbTables.ensure(dynamoDb, TABLE);
  }

  @Override
  public HeldLock acquire(String name) throws InterruptedException {
    Lease lease = client.acquire(name, options);
    return new HeldLock() {
      @Override
      public void release() {
        lease.close();
      }

      @Override
      public boolean isHeld() {
        return lease.isValid();
      }
    };
  }

  @Override
  public void close() {
    client.close();
  }
}
