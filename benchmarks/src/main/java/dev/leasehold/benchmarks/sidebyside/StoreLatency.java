package dev.leasehold.benchmarks.sidebyside;

import dev.leasehold.kv.Store;
import dev.leasehold.kv.dynamodb.DynamoDbStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * (a) The latency of Leasehold's get, put, create and compare-and-set update against the request one would
 * write by hand with the SDK for the same result: the same item, the same condition, the new version read
 * back. Each side has its own client; calls alternate one by one, rotating which side goes first.
 */
final class StoreLatency {
  private static final String RAW_BUCKET = "raw-sdk";
  private static final byte[] VALUE = new byte[100];
  private static final AttributeValue RAW_VALUE = AttributeValue.fromB(SdkBytes.fromByteArray(VALUE));
  private static final AttributeValue ONE = AttributeValue.fromN("1");

  private final Settings settings;
  private final DynamoDbClient raw;
  private final RequestCounter rawRequests;
  private final Store store;
  private final RequestCounter storeRequests;
  private final AtomicInteger fresh = new AtomicInteger();
  /** Where decoded results go, so that neither side skips the work of reading its answer. */
  private volatile Object sink;

  StoreLatency(Settings settings, DynamoDbClient raw, RequestCounter rawRequests, DynamoDbClient leasehold,
      RequestCounter storeRequests) {
    this.settings = settings;
    this.raw = raw;
    this.rawRequests = rawRequests;
    this.store = DynamoDbStore.builder(leasehold, LeaseholdLocks.TABLE, "store-latency").build();
    this.storeRequests = storeRequests;
  }

  Section run() {
    Table table = new Table("operation", "hand-written SDK request", "SDK p50 / p90", "Leasehold p50 / p90",
        "Leasehold / SDK, p50 (range over rounds)", "requests per call: SDK / Leasehold");
    for (Operation operation : List.of(get(), put(), create(), update())) {
      Requests rawBefore = rawRequests.snapshot();
      Requests storeBefore = storeRequests.snapshot();
      long[][][] nanos = measure(operation);
      long calls = (long) (settings.latencyWarmupRounds() + settings.latencyRounds()) * settings.callsPerRound();
      Samples rawAll = all(nanos[0]);
      Samples storeAll = all(nanos[1]);
      List<Double> ratios = new ArrayList<>();
      for (int round = 0; round < settings.latencyRounds(); round++) {
        ratios.add(Samples.of(nanos[1][round]).median() / Samples.of(nanos[0][round]).median());
      }
      table.row(operation.name(), operation.rawRequest(), millis(rawAll), millis(storeAll),
          Samples.of(ratios).medianAndRange("%.2f"),
          rawRequests.snapshot().since(rawBefore).per(calls) + " / "
              + storeRequests.snapshot().since(storeBefore).per(calls));
    }
    return new Section("(a) Store operations: Leasehold vs hand-written SDK requests",
        String.format(Locale.ROOT, "One thread; the two sides alternate call by call, rotating which goes first; "
            + "%d warm-up rounds, then %d rounds of %d calls per side. Both sides read their answer (version and "
            + "value). The SDK side writes what a careful user would: an `UpdateItem` that bumps a version "
            + "attribute and returns the new item, conditional where the operation is. Leasehold's requests "
            + "also carry its expiry and tombstone conditions and ask for the old item on a failed condition.",
            settings.latencyWarmupRounds(), settings.latencyRounds(), settings.callsPerRound()),
        table, List.of());
  }

  /** Latencies in nanoseconds by side (0 raw, 1 Leasehold), measured round and call. */
  private long[][][] measure(Operation operation) {
    List<Runnable> sides = List.of(operation.raw(), operation.leasehold());
    long[][][] nanos = new long[2][settings.latencyRounds()][settings.callsPerRound()];
    int rounds = settings.latencyWarmupRounds() + settings.latencyRounds();
    for (int round = 0; round < rounds; round++) {
      for (int call = 0; call < settings.callsPerRound(); call++) {
        for (int step = 0; step < 2; step++) {
          int side = (call + round + step) % 2;
          long start = System.nanoTime();
          sides.get(side).run();
          long took = System.nanoTime() - start;
          int measured = round - settings.latencyWarmupRounds();
          if (measured >= 0) {
            nanos[side][measured][call] = took;
          }
        }
      }
    }
    return nanos;
  }

  private Operation get() {
    store.put("g", VALUE);
    raw.putItem(b -> b.tableName(LeaseholdLocks.TABLE).item(Map.of("pk", AttributeValue.fromS(RAW_BUCKET),
        "sk", AttributeValue.fromS("g"), "v", ONE, "val", RAW_VALUE)));
    return new Operation("get", "`GetItem`, consistent read",
        () -> sink = decode(raw.getItem(b -> b.tableName(LeaseholdLocks.TABLE).key(rawKey("g")).consistentRead(true))
            .item()),
        () -> sink = store.get("g"));
  }

  private Operation put() {
    return new Operation("put", "`UpdateItem` `SET val, v = if_not_exists(v) + 1`",
        () -> sink = decode(raw.updateItem(write("p")
            .updateExpression("SET val = :val, v = if_not_exists(v, :zero) + :one")
            .expressionAttributeValues(Map.of(":val", RAW_VALUE, ":zero", AttributeValue.fromN("0"), ":one", ONE))
            .build()).attributes()),
        () -> sink = store.put("p", VALUE));
  }

  private Operation create() {
    return new Operation("create", "`UpdateItem` if `attribute_not_exists(pk)`",
        () -> sink = decode(raw.updateItem(write("c/" + fresh.incrementAndGet())
            .updateExpression("SET val = :val, v = :one")
            .conditionExpression("attribute_not_exists(pk)")
            .expressionAttributeValues(Map.of(":val", RAW_VALUE, ":one", ONE))
            .build()).attributes()),
        () -> sink = store.create("c/" + fresh.incrementAndGet(), VALUE));
  }

  private Operation update() {
    raw.putItem(b -> b.tableName(LeaseholdLocks.TABLE).item(Map.of("pk", AttributeValue.fromS(RAW_BUCKET),
        "sk", AttributeValue.fromS("u"), "v", ONE, "val", RAW_VALUE)));
    AtomicLong rawVersion = new AtomicLong(1);
    AtomicLong storeVersion = new AtomicLong(store.put("u", VALUE).version());
    return new Operation("CAS update", "`UpdateItem` if `v = :expected`, `SET val, v = v + 1`",
        () -> rawVersion.set(decode(raw.updateItem(write("u")
            .updateExpression("SET val = :val, v = v + :one")
            .conditionExpression("v = :expected")
            .expressionAttributeValues(Map.of(":val", RAW_VALUE, ":one", ONE,
                ":expected", AttributeValue.fromN(Long.toString(rawVersion.get()))))
            .build()).attributes()).version()),
        () -> storeVersion.set(store.update("u", VALUE, storeVersion.get()).version()));
  }

  private static UpdateItemRequest.Builder write(String key) {
    return UpdateItemRequest.builder().tableName(LeaseholdLocks.TABLE).key(rawKey(key))
        .returnValues(ReturnValue.ALL_NEW);
  }

  private static Map<String, AttributeValue> rawKey(String key) {
    return Map.of("pk", AttributeValue.fromS(RAW_BUCKET), "sk", AttributeValue.fromS(key));
  }

  private static RawEntry decode(Map<String, AttributeValue> item) {
    return new RawEntry(item.get("val").b().asByteArray(), Long.parseLong(item.get("v").n()));
  }

  private static Samples all(long[][] rounds) {
    return Samples.of(Arrays.stream(rounds).flatMapToLong(Arrays::stream).toArray());
  }

  private static String millis(Samples nanos) {
    return String.format(Locale.ROOT, "%.2f / %.2f ms", nanos.median() / 1e6, nanos.percentile(90) / 1e6);
  }

  /** One operation done both ways. */
  private record Operation(String name, String rawRequest, Runnable raw, Runnable leasehold) {}

  /** What the SDK side reads back: the value and the version. */
  private record RawEntry(byte[] value, long version) {}
}
