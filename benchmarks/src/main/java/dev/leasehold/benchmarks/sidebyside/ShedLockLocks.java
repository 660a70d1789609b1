package dev.leasehold.benchmarks.sidebyside;

import java.time.Duration;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.dynamodb2.DynamoDBLockProvider;
import net.javacrumbs.shedlock.provider.dynamodb2.DynamoDBUtils;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * ShedLock's DynamoDB provider for SDK v2 ({@code shedlock-provider-dynamodb2}), used through its
 * {@code LockProvider} API, which is what ShedLock's task executor does around a task: {@code lockAtMostFor}
 * is the lease, {@code lockAtLeastFor} zero. ShedLock neither waits for a held lock nor renews one, so it
 * only takes part in the uncontended cycles.
 */
final class ShedLockLocks implements LockService {
  static final String TABLE = "shedlock";

  private final DynamoDBLockProvider provider;
  private final Duration lease;

  ShedLockLocks(DynamoDbClient dynamoDb, Duration lease) {
    this.provider = new DynamoDBLockProvider(dynamoDb, TABLE);
    this.lease = lease;
  }

  /** Creates the table with ShedLock's own {@code DynamoDBUtils.createLockTable}, and waits until it is active. */
  static void createTable(DynamoDbClient dynamoDb) {
    DynamoDBUtils.createLockTable(dynamoDb, TABLE,
        ProvisionedThroughput.builder().readCapacityUnits(100L).writeCapacityUnits(100L).build());
    try (DynamoDbWaiter waiter = dynamoDb.waiter()) {
      waiter.waitUntilTableExists(b -> b.tableName(TABLE));
    }
  }

  @Override
  public HeldLock acquire(String name) {
    SimpleLock lock = provider.lock(new LockConfiguration(ClockProvider.now(), name, lease, Duration.ZERO))
        .orElseThrow(() -> new UnsupportedOperationException("ShedLock does not wait for a held lock"));
    return new HeldLock() {
      @Override
      public void release() {
        lock.unlock();
      }

      @Override
      public boolean isHeld() {
        throw new UnsupportedOperationException("ShedLock does not tell whether a lock is still held");
      }
    };
  }

  @Override
  public void close() {
    // Nothing to stop: ShedLock's provider holds no threads.
  }
}
