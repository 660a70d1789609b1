package dev.leasehold.kv.dynamodb;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.leasehold.kv.Entry;
import dev.leasehold.kv.WriteOptions;
import dev.leasehold.kv.spi.Check;
import dev.leasehold.kv.spi.KeyAction;
import dev.leasehold.kv.spi.Mutation;
import dev.leasehold.kv.testkit.DynamoDbLocal;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Measures, without asserting, the latency of get, put, create and update through {@link DynamoDbStore}
 * against hand-written SDK calls on the same DynamoDB Local server, interleaved call by call:
 *
 * <ul>
 *   <li>plain: what one would write by hand for the same operation ({@code GetItem}, {@code PutItem},
 *       {@code PutItem} with {@code attribute_not_exists}, {@code PutItem} with a version condition);
 *   <li>same: the very request the store sends, built and sent by hand, so the difference to the store is the
 *       store's own overhead.
 * </ul>
 *
 * Not part of the build (the name does not end in {@code Test}); run it on demand:
 * {@code mvn -B -ntp -pl kv-api,kv-testkit,kv-dynamodb verify -Dtest=LatencyComparison
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@ExtendWith(DynamoDbLocal.class)
class LatencyComparison {
  private static final String TABLE = "latency";
  private static final int WARMUP_ROUNDS = 3;
  private static final int ROUNDS = 10;
  private static final int CALLS_PER_ROUND = 150;
  private static final byte[] VALUE = "a value of about forty bytes, as a lease record".getBytes(UTF_8);
  private static final AttributeValue RAW_VALUE = AttributeValue.fromB(SdkBytes.fromByteArray(VALUE));

  private final Clock clock = Clock.systemUTC();
  private final WritePlanner planner = new WritePlanner(Duration.ofHours(24));
  private final AtomicInteger fresh = new AtomicInteger();

  @Test
  void printLatencies(DynamoDbClient client) {
    DynamoDbTables.ensure(client, TABLE);
    DynamoDbStore store = DynamoDbStore.builder(client, TABLE, "store").build();
    Map<String, List<Runnable>> operations = new LinkedHashMap<>();
    operations.put("get", gets(client, store));
    operations.put("put", puts(client, store));
    operations.put("create", creates(client, store));
    operations.put("update", updates(client, store));

    System.out.printf("%-7s %10s %10s %10s %9s %9s%n", "op", "plain p50", "same p50", "store p50", "st/plain",
        "st/same");
    operations.forEach((name, sides) -> {
      long[][] nanos = measure(sides);
      double plain = median(nanos[0]);
      double same = median(nanos[1]);
      double viaStore = median(nanos[2]);
      System.out.printf("%-7s %8.0fus %8.0fus %8.0fus %9.2f %9.2f%n", name, plain / 1e3, same / 1e3,
          viaStore / 1e3, viaStore / plain, viaStore / same);
    });
  }

  private List<Runnable> gets(DynamoDbClient client, DynamoDbStore store) {
    store.put("g", VALUE);
    return List.of(
        () -> client.getItem(b -> b.tableName(TABLE).key(StoredItem.key("store", "g")).consistentRead(true)),
        () -> StoredItem.decode(client.getItem(b -> b.tableName(TABLE).key(StoredItem.key("store", "g"))
            .consistentRead(true)).item()).liveEntry("g", clock.millis()),
        () -> store.get("g"));
  }

  private List<Runnable> puts(DynamoDbClient client, DynamoDbStore store) {
    KeyAction put = new KeyAction("p", Optional.empty(),
        Optional.of(new Mutation.SetValue(VALUE, WriteOptions.none())));
    return List.of(
        () -> client.putItem(b -> b.tableName(TABLE).item(rawItem("plain", "p", 1))),
        () -> sendSame(client, put, "same"),
        () -> store.put("p", VALUE));
  }

  private List<Runnable> creates(DynamoDbClient client, DynamoDbStore store) {
    return List.of(
        () -> client.putItem(b -> b.tableName(TABLE).item(rawItem("plain", "c/" + fresh.incrementAndGet(), 1))
            .conditionExpression("attribute_not_exists(pk)")),
        () -> sendSame(client, new KeyAction("c/" + fresh.incrementAndGet(), Optional.of(new Check.Absent()),
            Optional.of(new Mutation.SetValue(VALUE, WriteOptions.none()))), "same"),
        () -> store.create("c/" + fresh.incrementAndGet(), VALUE));
  }

  private List<Runnable> updates(DynamoDbClient client, DynamoDbStore store) {
    AtomicLong plainVersion = new AtomicLong(1);
    client.putItem(b -> b.tableName(TABLE).item(rawItem("plain", "u", 1)));
    AtomicLong sameVersion = new AtomicLong(store.put("s", VALUE).version());
    AtomicLong storeVersion = new AtomicLong(store.put("u", VALUE).version());
    return List.of(
        () -> {
          long expected = plainVersion.getAndIncrement();
          client.putItem(b -> b.tableName(TABLE).item(rawItem("plain", "u", expected + 1))
              .conditionExpression("v = :expected")
              .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(expected)))));
        },
        () -> sameVersion.set(sendSame(client, new KeyAction("s", Optional.of(new Check.HasVersion(sameVersion.get())),
            Optional.of(new Mutation.SetValue(VALUE, WriteOptions.keepTtl()))), "store").version()),
        () -> storeVersion.set(store.update("u", VALUE, storeVersion.get()).version()));
  }

  private Entry sendSame(DynamoDbClient client, KeyAction action, String bucket) {
    ItemWrite write = planner.plan(action, null, clock.instant());
    return StoredItem.decode(client.updateItem(write.updateItem(TABLE, StoredItem.key(bucket, action.key())))
        .attributes()).entry(action.key());
  }

  /** Calls the sides in turn, rotating which goes first, and returns each side's latencies after warm-up. */
  private static long[][] measure(List<Runnable> sides) {
    long[][] nanos = new long[sides.size()][ROUNDS * CALLS_PER_ROUND];
    for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
      for (int call = 0; call < CALLS_PER_ROUND; call++) {
        for (int step = 0; step < sides.size(); step++) {
          int side = (call + round + step) % sides.size();
          long start = System.nanoTime();
          sides.get(side).run();
          long took = System.nanoTime() - start;
          if (round >= WARMUP_ROUNDS) {
            nanos[side][(round - WARMUP_ROUNDS) * CALLS_PER_ROUND + call] = took;
          }
        }
      }
    }
    return nanos;
  }

  private static double median(long[] nanos) {
    long[] sorted = LongStream.of(nanos).sorted().toArray();
    return sorted[sorted.length / 2];
  }

  private static Map<String, AttributeValue> rawItem(String bucket, String key, long version) {
    Map<String, AttributeValue> item = new LinkedHashMap<>(StoredItem.key(bucket, key));
    item.put("v", AttributeValue.fromN(Long.toString(version)));
    item.put("val", RAW_VALUE);
    return item;
  }
}
