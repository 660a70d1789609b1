package dev.leasehold.kv.dynamodb;

import dev.leasehold.kv.Backoff;
import dev.leasehold.kv.CommitResult;
import dev.leasehold.kv.ConditionFailedException;
import dev.leasehold.kv.Entry;
import dev.leasehold.kv.KeyExistsException;
import dev.leasehold.kv.KeyNotFoundException;
import dev.leasehold.kv.Page;
import dev.leasehold.kv.ReadOptions;
import dev.leasehold.kv.Store;
import dev.leasehold.kv.VersionMismatchException;
import dev.leasehold.kv.WriteOptions;
import dev.leasehold.kv.spi.AbstractStore;
import dev.leasehold.kv.spi.Check;
import dev.leasehold.kv.spi.KeyAction;
import dev.leasehold.kv.spi.Mutation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A {@link Store} on Amazon DynamoDB (or anything that speaks its API: DynamoDB Local, LocalStack, ScyllaDB
 * Alternator), built on conditional writes and transactions through a {@link DynamoDbClient} the caller
 * supplies and configures (credentials, region, endpoint, retries, timeouts). Thread-safe.
 *
 * <pre>{@code
 * DynamoDbTables.ensure(client, "leasehold");
 * Store store = DynamoDbStore.builder(client, "leasehold", "orders").build();
 * }</pre>
 *
 * <h2>Table layout</h2>
 * One table holds many buckets: the partition key {@code pk} (S) is the bucket, the sort key {@code sk} (S)
 * the key, so a bucket lists in DynamoDB's key order (UTF-8 bytes). Each item has a version {@code v} (N), a
 * value {@code val} (B) or a counter {@code num} (N), an expiry {@code exp} (N, epoch milliseconds), a
 * tombstone marker {@code del} and {@code gc} (N, epoch seconds), the attribute DynamoDB's TTL deletes by.
 * Create tables with {@link DynamoDbTables}. Keys, values and prefixes only ever travel as expression
 * attribute values, never inside expression text.
 *
 * <h2>Requests</h2>
 * {@code get}, {@code exists}, {@code put}, {@code create}, {@code update} and both {@code delete}s are one
 * request each; a failed condition returns the current item in the same request
 * ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD}), so {@link ConditionFailedException#current()} costs
 * nothing extra. A commit is one {@code TransactWriteItems}. {@code getAll} is one {@code TransactGetItems}
 * (a consistent snapshot) unless the entries total more than DynamoDB's 4 MB transaction limit, in which case
 * it falls back to strongly consistent {@code BatchGetItem} requests that are not one snapshot. {@code list}
 * is one consistent {@code Query} per page unless deleted or expired items in the range, or more than 1 MB of
 * items, make it read on. Three uncommon cases take another request: a {@code put} or {@code set} with
 * {@link WriteOptions#keepTtl()} and no version check over a deleted or expired entry whose item is still
 * stored, a {@code min} or {@code max} that leaves the counter unchanged, and a write that collided with a
 * concurrent transaction (retried with backoff a bounded number of times, then
 * {@link dev.leasehold.kv.StoreUnavailableException}).
 *
 * <h2>Versions</h2>
 * A key's first write takes the epoch microseconds of the store's clock as its base; every later write adds
 * one. A delete leaves a tombstone that keeps the version, and an expired entry keeps its item too, until
 * DynamoDB's TTL removes them, no earlier than the {@linkplain Builder#tombstoneRetention(Duration) tombstone
 * retention} after they stopped being live. A key written after that starts again from the clock, and its
 * version exceeds every version it had before as long as the key had fewer writes than microseconds passed
 * between its first write and the new one, minus however far the clock of the first writer ran ahead of the
 * clock of the new one. A single DynamoDB item takes at most about a thousand writes per second, a thousandth
 * of that rate, so with the default retention of 24 hours the bound holds unless one writer's clock runs
 * about a day ahead of another's.
 *
 * <h2>Expiry</h2>
 * Entries expire by the store's clock, sent with every request, so every read and condition agrees with it.
 * DynamoDB's TTL later deletes expired items on its own (real) clock, never before the tombstone retention
 * has passed, so a store clock somewhat ahead of or behind real time does not change what is visible.
 *
 * <h2>Failures</h2>
 * Throttling, server errors, timeouts and connection failures that remain after the SDK's own retries throw
 * {@link dev.leasehold.kv.StoreUnavailableException}; other service errors throw
 * {@link dev.leasehold.kv.StoreException}. The SDK exception is the cause; messages carry no values.
 */
public final class DynamoDbStore extends AbstractStore {
  /** Attempts per operation when concurrent transactions conflict or a guess about an item was wrong. */
  private static final int MAX_ATTEMPTS = 5;
  private static final Backoff CONFLICT_BACKOFF = Backoff.exponential(Duration.ofMillis(10), Duration.ofMillis(500));

  private final Bucket bucket;
  private final WritePlanner planner;
  private final Attempts attempts;
  private final SnapshotReader snapshots;
  private final KeyRangeQuery ranges;
  private final TransactionCommitter committer;

  private DynamoDbStore(Builder builder) {
    super(builder.clock);
    this.bucket = new Bucket(builder.client, builder.table, builder.bucket);
    this.planner = new WritePlanner(builder.tombstoneRetention);
    this.attempts = new Attempts(MAX_ATTEMPTS, CONFLICT_BACKOFF);
    this.snapshots = new SnapshotReader(bucket, attempts);
    this.ranges = new KeyRangeQuery(bucket, attempts);
    this.committer = new TransactionCommitter(bucket, planner, attempts);
  }

  /**
   * Starts building a store for one bucket of a table.
   *
   * @param client the client to send requests with; the store never closes it
   * @param table the table, created by {@link DynamoDbTables} (or with the same key schema and TTL)
   * @param bucket the namespace inside the table: 1 to 1024 UTF-8 bytes; stores of different buckets never
   *     see each other's keys
   * @return a builder with the system clock and a tombstone retention of 24 hours
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the table name is empty or the bucket empty or too long
   */
  public static Builder builder(DynamoDbClient client, String table, String bucket) {
    return new Builder(client, table, bucket);
  }

  @Override
  protected Optional<Entry> doGet(String key, ReadOptions options) {
    long now = clock().millis();
    boolean strong = options.consistency() == ReadOptions.Consistency.STRONG;
    StoredItem stored = attempts.run(bucket.describe("get", key), () -> StoredItem.decode(bucket.client()
        .getItem(b -> b.tableName(bucket.table()).key(bucket.key(key)).consistentRead(strong)).item()));
    return Optional.ofNullable(stored.liveEntry(key, now));
  }

  @Override
  protected Map<String, Entry> doGetAll(List<String> keys) {
    return snapshots.read(keys, clock().instant());
  }

  @Override
  protected boolean doExists(String key) {
    long now = clock().millis();
    return attempts.run(bucket.describe("exists", key), () -> StoredItem.decode(bucket.client().getItem(b -> b
        .tableName(bucket.table())
        .key(bucket.key(key))
        .projectionExpression("v, del, exp")
        .consistentRead(true)).item()).isLive(now));
  }

  @Override
  protected Entry doPut(String key, byte[] value, WriteOptions options) {
    return write("put", new KeyAction(key, Optional.empty(), Optional.of(new Mutation.SetValue(value, options))))
        .entry(key);
  }

  @Override
  protected Entry doCreate(String key, byte[] value, WriteOptions options) {
    return write("create", new KeyAction(key, Optional.of(new Check.Absent()),
        Optional.of(new Mutation.SetValue(value, options)))).entry(key);
  }

  @Override
  protected Entry doUpdate(String key, byte[] value, long expectedVersion, WriteOptions options) {
    return write("update", new KeyAction(key, Optional.of(new Check.HasVersion(expectedVersion)),
        Optional.of(new Mutation.SetValue(value, options)))).entry(key);
  }

  @Override
  protected boolean doDelete(String key) {
    Instant now = clock().instant();
    String operation = bucket.describe("delete", key);
    UpdateItemRequest request = planner.tombstoneIfLive(now).updateItem(bucket.table(), bucket.key(key)).toBuilder()
        .returnValues(ReturnValue.NONE)
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.NONE)
        .build();
    return attempts.run(operation, () -> {
      try {
        bucket.client().updateItem(request);
        return true;
      } catch (ConditionalCheckFailedException nothingLive) {
        return false;
      }
    });
  }

  @Override
  protected void doDelete(String key, long expectedVersion) {
    write("delete", new KeyAction(key, Optional.of(new Check.HasVersion(expectedVersion)),
        Optional.of(new Mutation.Delete())));
  }

  @Override
  protected Page doList(String prefix, Optional<String> after, int limit, boolean reverse) {
    return ranges.page(prefix, after, limit, reverse, clock().instant());
  }

  @Override
  protected CommitResult doCommit(List<KeyAction> actions) {
    return committer.commit(actions, clock().instant());
  }

  @Override
  public String toString() {
    return "DynamoDbStore[" + bucket + "]";
  }

  /** One conditional update of one key: the written item, or the condition's failure with the current entry. */
  private StoredItem write(String operation, KeyAction action) {
    Instant now = clock().instant();
    String key = action.key();
    String description = bucket.describe(operation, key);
    AtomicReference<StoredItem> found = new AtomicReference<>();
    return attempts.run(description, () -> {
      UpdateItemRequest request = planner.plan(action, found.get(), now).updateItem(bucket.table(), bucket.key(key));
      try {
        return StoredItem.decode(bucket.client().updateItem(request).attributes());
      } catch (ConditionalCheckFailedException e) {
        StoredItem item = StoredItem.decode(e.item());
        Entry current = item.liveEntry(key, now.toEpochMilli());
        if (action.check().isPresent() && !action.check().get().test(current)) {
          throw conditionFailed(key, action.check().get(), current);
        }
        found.set(item);
        throw TryAgain.immediately(e);
      }
    });
  }

  private static ConditionFailedException conditionFailed(String key, Check check, Entry current) {
    if (check instanceof Check.HasVersion expected) {
      return current == null
          ? new KeyNotFoundException(key)
          : new VersionMismatchException(key, expected.version(), current);
    }
    return new KeyExistsException(key, current);
  }

  /** Builds a {@link DynamoDbStore}. */
  public static final class Builder {
    private static final int MAX_BUCKET_BYTES = 1024;

    private final DynamoDbClient client;
    private final String table;
    private final String bucket;
    private Clock clock = Clock.systemUTC();
    private Duration tombstoneRetention = Duration.ofHours(24);

    private Builder(DynamoDbClient client, String table, String bucket) {
      this.client = Objects.requireNonNull(client, "client");
      this.table = DynamoDbTables.checkName(table);
      this.bucket = Objects.requireNonNull(bucket, "bucket");
      int bucketBytes = bucket.getBytes(StandardCharsets.UTF_8).length;
      if (bucket.isEmpty() || bucketBytes > MAX_BUCKET_BYTES) {
        throw new IllegalArgumentException(
            "bucket must be 1 to " + MAX_BUCKET_BYTES + " UTF-8 bytes, was " + bucketBytes);
      }
    }

    /**
     * Sets the clock that judges expiry and gives new keys their version base. Tests pass a clock they
     * control; it should read close to real time, which DynamoDB's TTL follows.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how long tombstones and expired items stay in the table before DynamoDB's TTL may delete them.
     * While they stay, a re-created key continues from their version; after that it starts again from the
     * clock (see "Versions" in the class documentation), so the retention must exceed the skew between the
     * writers' clocks. A longer retention costs storage, and listings read past more deleted keys.
     *
     * @param retention at least one second; 24 hours by default
     * @return this builder
     * @throws IllegalArgumentException if {@code retention} is shorter than one second
     */
    public Builder tombstoneRetention(Duration retention) {
      Objects.requireNonNull(retention, "retention");
      if (retention.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("tombstone retention must be at least 1 s, was " + retention);
      }
      this.tombstoneRetention = retention;
      return this;
    }

    /**
     * Builds the store. Sends no request; a missing table shows on the first operation.
     *
     * @return the store
     */
    public DynamoDbStore build() {
      return new DynamoDbStore(this);
    }
  }
}
