package dev.leasehold.kv.dynamodb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leasehold.kv.Entry;
import dev.leasehold.kv.KeyExistsException;
import dev.leasehold.kv.Limits;
import dev.leasehold.kv.ListOptions;
import dev.leasehold.kv.VersionMismatchException;
import dev.leasehold.kv.WriteOptions;
import dev.leasehold.kv.testkit.DynamoDbLocal;
import dev.leasehold.kv.testkit.DynamoDbLocalServer;
import dev.leasehold.kv.testkit.ManualClock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * What each operation sends, recorded on the wire by an SDK execution interceptor: how many requests of which
 * kind, and that user data travels only as expression values.
 */
@ExtendWith(DynamoDbLocal.class)
class RequestsOnTheWireTest {
  private static final String TABLE = "requests";
  private static final byte[] VALUE = "value".getBytes(UTF_8);

  private final RequestLog requests = new RequestLog();
  private final ManualClock clock = ManualClock.startingNow();
  private DynamoDbClient client;
  private DynamoDbStore store;

  @BeforeAll
  static void createTable(DynamoDbClient shared) {
    DynamoDbTables.ensure(shared, TABLE);
  }

  @BeforeEach
  void createStore(DynamoDbLocalServer server) {
    client = server.newClient(requests);
    store = DynamoDbStore.builder(client, TABLE, DynamoDbLocal.uniqueName("bucket")).clock(clock).build();
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void getOfAPresentOrAbsentKeyIsOneGetItem() {
    store.put("k", VALUE);
    requests.clear();

    store.get("k");
    store.get("absent");

    assertThat(requests.operations()).containsExactly("GetItem", "GetItem");
  }

  @Test
  void existsIsOneGetItem() {
    store.exists("k");

    assertThat(requests.operations()).containsExactly("GetItem");
  }

  @Test
  void putIsOneUpdateItem() {
    store.put("k", VALUE, WriteOptions.ttl(Duration.ofMinutes(1)));

    assertThat(requests.operations()).containsExactly("UpdateItem");
  }

  @Test
  void createIsOneUpdateItemWhetherItWinsOrNot() {
    store.create("k", VALUE);
    assertThatThrownBy(() -> store.create("k", VALUE)).isInstanceOf(KeyExistsException.class);

    assertThat(requests.operations()).containsExactly("UpdateItem", "UpdateItem");
  }

  @Test
  void compareAndSetIsOneUpdateItemWhetherItWinsOrNot() {
    Entry v1 = store.put("k", VALUE);
    requests.clear();

    store.update("k", VALUE, v1.version());
    assertThatThrownBy(() -> store.update("k", VALUE, v1.version()))
        .isInstanceOfSatisfying(VersionMismatchException.class, e -> assertThat(e.current()).isPresent());

    assertThat(requests.operations()).containsExactly("UpdateItem", "UpdateItem");
  }

  @Test
  void deleteIsOneUpdateItemWhetherTheKeyExistsOrNot() {
    store.put("k", VALUE);
    requests.clear();

    store.delete("k");
    store.delete("absent");

    assertThat(requests.operations()).containsExactly("UpdateItem", "UpdateItem");
  }

  @Test
  void compareAndDeleteIsOneUpdateItem() {
    Entry current = store.put("k", VALUE);
    requests.clear();

    store.delete("k", current.version());

    assertThat(requests.operations()).containsExactly("UpdateItem");
  }

  @Test
  void commitIsOneTransactWriteItems() {
    Entry checked = store.put("checked", VALUE);
    requests.clear();

    boolean ok = store.atomic()
        .check("checked", checked.version())
        .checkAbsent("absent")
        .set("set", VALUE)
        .set("checked", VALUE, WriteOptions.keepTtl())
        .delete("deleted")
        .sum("sum", 5)
        .min("min", 3)
        .max("max", 9)
        .commit().ok();

    assertThat(ok).isTrue();
    assertThat(requests.operations()).containsExactly("TransactWriteItems");
  }

  @Test
  void rejectedCommitIsOneTransactWriteItems() {
    boolean ok = store.atomic().check("absent", 1).set("other", VALUE).commit().ok();

    assertThat(ok).isFalse();
    assertThat(requests.operations()).containsExactly("TransactWriteItems");
  }

  @Test
  void getAllIsOneTransactGetItems() {
    store.put("a", VALUE);
    store.put("b", VALUE);
    requests.clear();

    assertThat(store.getAll(List.of("a", "b", "c"))).hasSize(2);
    assertThat(requests.operations()).containsExactly("TransactGetItems");
  }

  @Test
  void getAllBeyondTheTransactionSizeLimitReadsInBatchesFollowingUnprocessedKeys() {
    List<String> keys = IntStream.range(0, 60).mapToObj(i -> "large/" + i).toList();
    for (String key : keys) {
      store.put(key, largeValue(key));
    }
    requests.clear();

    Map<String, Entry> found = store.getAll(keys);

    assertThat(found).hasSize(keys.size());
    found.forEach((key, entry) -> assertThat(entry.value()).isEqualTo(largeValue(key)));
    assertThat(requests.operations()).containsExactly("TransactGetItems", "BatchGetItem", "BatchGetItem");
  }

  @Test
  void listPageIsOneQueryWhenNoDeletedKeysAreInTheWay() {
    for (String key : List.of("p/1", "p/2", "p/3", "p/4")) {
      store.put(key, VALUE);
    }
    requests.clear();

    String cursor = store.list("p/", ListOptions.builder().limit(2).build()).cursor().orElseThrow();
    store.list("p/", ListOptions.builder().limit(2).cursor(cursor).build());

    assertThat(requests.operations()).containsExactly("Query", "Query");
  }

  @Test
  void listPageReadsOnPastDeletedKeys() {
    for (int i = 0; i < 6; i++) {
      store.put("p/" + i, VALUE);
    }
    for (int i = 0; i < 4; i++) {
      store.delete("p/" + i);
    }
    requests.clear();

    assertThat(store.list("p/", ListOptions.builder().limit(1).build()).entries())
        .extracting(Entry::key).containsExactly("p/4");
    assertThat(requests.operations()).hasSizeGreaterThan(1).containsOnly("Query");
  }

  @Test
  void listPastALongRunOfDeletedKeysReadsFurtherWithEachRequest() {
    for (int batch = 0; batch < 2; batch++) {
      var writes = store.atomic();
      var deletes = store.atomic();
      for (int i = 0; i < 100; i++) {
        String key = String.format("q/%03d", batch * 100 + i);
        writes.set(key, VALUE);
        deletes.delete(key);
      }
      writes.commit();
      deletes.commit();
    }
    store.put("q/999", VALUE);
    requests.clear();

    assertThat(store.list("q/", ListOptions.builder().limit(1).build()).entries())
        .extracting(Entry::key).containsExactly("q/999");
    // Reading 2, 4, 8, ... items per request passes 200 deleted keys in 8 requests, not 100.
    assertThat(requests.operations()).hasSizeLessThanOrEqualTo(8).containsOnly("Query");
  }

  @Test
  void minThatLeavesTheCounterUnchangedTakesASecondRequest() {
    store.atomic().min("low", 3).commit();
    requests.clear();

    store.atomic().min("low", 7).commit();

    assertThat(requests.operations()).containsExactly("TransactWriteItems", "TransactWriteItems");
    assertThat(store.get("low").orElseThrow().asLong()).isEqualTo(3);
  }

  @Test
  void putKeepingTheTtlOfAnExpiredButStoredEntryTakesASecondRequest() {
    store.put("k", VALUE, WriteOptions.ttl(Duration.ofSeconds(1)));
    clock.advance(Duration.ofSeconds(2));
    requests.clear();

    Entry written = store.put("k", VALUE, WriteOptions.keepTtl());

    assertThat(written.expiresAt()).isEmpty();
    assertThat(requests.operations()).containsExactly("UpdateItem", "UpdateItem");
  }

  @Test
  void keysAndValuesTravelOnlyAsExpressionValues() {
    String key = "#v = :v OR attribute_exists(val) ${x} 'quoted' \"dq\" 🔑";

    store.create(key, VALUE);
    store.update(key, VALUE, store.get(key).orElseThrow().version());
    store.atomic().checkAbsent(key + "/other").sum(key + "/n", 1).set(key, VALUE).commit();
    store.list(key, ListOptions.defaults());
    store.delete(key);

    assertThat(expressionTexts()).isNotEmpty()
        .allSatisfy(text -> assertThat(text).doesNotContain(key, "🔑", "${x}", "'quoted'", "\"dq\""));
  }

  private static byte[] largeValue(String key) {
    byte[] value = new byte[Limits.MAX_VALUE_BYTES];
    Arrays.fill(value, (byte) key.hashCode());
    return value;
  }

  private List<String> expressionTexts() {
    return requests.requests().stream().flatMap(request -> {
      if (request instanceof UpdateItemRequest update) {
        return Stream.of(update.updateExpression(), update.conditionExpression());
      }
      if (request instanceof TransactWriteItemsRequest transaction) {
        return transaction.transactItems().stream().flatMap(RequestsOnTheWireTest::expressions);
      }
      if (request instanceof QueryRequest query) {
        return Stream.of(query.keyConditionExpression(), query.filterExpression());
      }
      return Stream.empty();
    }).filter(Objects::nonNull).toList();
  }

  private static Stream<String> expressions(TransactWriteItem item) {
    Update update = item.update();
    ConditionCheck check = item.conditionCheck();
    return update != null
        ? Stream.of(update.updateExpression(), update.conditionExpression())
        : Stream.of(check.conditionExpression());
  }
}
