package dev.leasehold.benchmarks.sidebyside;

import com.amazonaws.services.dynamodbv2.AcquireLockOptions;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBLockClient;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBLockClientOptions;
import com.amazonaws.services.dynamodbv2.CreateDynamoDBTableOptions;
import com.amazonaws.services.dynamodbv2.LockItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The AWS DynamoDB lock client ({@code com.amazonaws:dynamodb-lock-client}) as its README sets it up: a
 * background heartbeat thread, the lease duration and a heartbeat period of a third of it (the README's
 * example uses 10 s and 3 s), and {@code acquireLock} with the default refresh period (one second between
 * polls), waiting without limit, deleting the lock item on release (the default).
 */
final class AwsLockClientLocks implements LockService {
  static final String TABLE = "aws_lock_client";

  private final AmazonDynamoDBLockClient client;

  AwsLockClientLocks(DynamoDbClient dynamoDb, Duration lease, Duration heartbeat, String owner) {
    this.client = new AmazonDynamoDBLockClient(AmazonDynamoDBLockClientOptions.builder(dynamoDb, TABLE)
        .withOwnerName(owner)
        .withTimeUnit(TimeUnit.MILLISECONDS)
        .withLeaseDuration(lease.toMillis())
        .withHeartbeatPeriod(heartbeat.toMillis())
        .withCreateHeartbeatBackgroundThread(true)
        .build());
  }

  /** Creates the table with the library's own {@code createLockTableInDynamoDB}, and waits until it is active. */
  static void createTable(DynamoDbClient dynamoDb) {
    AmazonDynamoDBLockClient.createLockTableInDynamoDB(CreateDynamoDBTableOptions.builder(dynamoDb,
        ProvisionedThroughput.builder().readCapacityUnits(100L).writeCapacityUnits(100L).build(), TABLE).build());
    try (DynamoDbWaiter waiter = dynamoDb.waiter()) {
      waiter.waitUntilTableExists(b -> b.tableName(TABLE));
    }
  }

  @Override
  public HeldLock acquire(String name) throws InterruptedException {
    LockItem lock = client.acquireLock(AcquireLockOptions.builder(name)
        // The documented way to wait (practically) forever; the refresh period stays at its default.
        .withAdditionalTimeToWaitForLock(Long.MAX_VALUE / 2)
        .withTimeUnit(TimeUnit.MILLISECONDS)
        .build());
    return new HeldLock() {
      @Override
      public void release() {
        client.releaseLock(lock);
      }

      @Override
      public boolean isHeld() {
        return !lock.isExpired();
      }
    };
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException | RuntimeException failedRelease) {
      // close() releases every lock before it stops the heartbeat thread, and gives up at the first release
      // that fails (the crashed holders of the takeover scenario cannot reach the server). The lock client
      // forgets a lock before it sends its release, so a second close() stops the thread.
      try {
        client.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
