package dev.leasehold.kv.dynamodb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leasehold.kv.Entry;
import dev.leasehold.kv.WriteOptions;
import dev.leasehold.kv.testkit.DynamoDbLocal;
import dev.leasehold.kv.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What deletes leave behind for DynamoDB's TTL, and where the versions of new keys start. */
@ExtendWith(DynamoDbLocal.class)
class VersionsAndTombstonesTest {
  private static final String TABLE = "versions";
  private static final Duration RETENTION = Duration.ofHours(1);
  private static final byte[] VALUE = "value".getBytes(UTF_8);

  private final ManualClock clock = ManualClock.startingNow();
  private final DynamoDbClient client;
  private final String bucket = DynamoDbLocal.uniqueName("bucket");
  private DynamoDbStore store;

  VersionsAndTombstonesTest(DynamoDbClient client) {
    this.client = client;
  }

  @BeforeAll
  static void createTable(DynamoDbClient client) {
    DynamoDbTables.ensure(client, TABLE);
  }

  @BeforeEach
  void createStore() {
    store = DynamoDbStore.builder(client, TABLE, bucket).clock(clock).tombstoneRetention(RETENTION).build();
  }

  @Test
  void firstVersionOfAKeyFollowsTheClockInMicroseconds() {
    Entry created = store.create("k", VALUE);

    assertThat(created.version()).isEqualTo(ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant()) + 1);
  }

  @Test
  void deleteLeavesATombstoneWithANewVersionForTheTtlToRemoveAfterTheRetention() {
    Entry written = store.put("k", VALUE, WriteOptions.ttl(Duration.ofMinutes(1)));

    store.delete("k");

    Map<String, AttributeValue> tombstone = item("k");
    assertThat(tombstone).containsKeys("v", "del", "gc").doesNotContainKeys("val", "num", "exp");
    assertThat(number(tombstone, "v")).isGreaterThan(written.version());
    assertThat(number(tombstone, "gc")).isEqualTo(clock.instant().getEpochSecond() + 1 + RETENTION.toSeconds());
  }

  @Test
  void expiringEntryIsLeftForTheTtlUntilARetentionAfterItExpires() {
    Entry written = store.put("k", VALUE, WriteOptions.ttl(Duration.ofSeconds(30)));

    Map<String, AttributeValue> item = item("k");
    long expiresAtMillis = written.expiresAt().orElseThrow().toEpochMilli();
    assertThat(number(item, "exp")).isEqualTo(expiresAtMillis);
    assertThat(number(item, "gc")).isEqualTo(expiresAtMillis / 1000 + 1 + RETENTION.toSeconds());
  }

  @Test
  void entryWithoutExpiryIsNeverCollectedEvenOverATombstone() {
    store.put("k", VALUE);
    store.delete("k");

    store.put("k", VALUE);

    assertThat(item("k")).doesNotContainKeys("gc", "exp", "del");
  }

  @Test
  void recreatedKeyOutranksEveryEarlierVersionAfterItsTombstoneIsGone() {
    Entry last = store.put("k", VALUE);
    for (int i = 0; i < 5; i++) {
      last = store.update("k", VALUE, last.version());
    }
    store.delete("k");
    clock.advance(RETENTION);
    client.deleteItem(b -> b.tableName(TABLE).key(StoredItem.key(bucket, "k"))); // what DynamoDB's TTL does

    Entry recreated = store.create("k", VALUE);

    assertThat(recreated.version()).isGreaterThan(last.version() + 1);
  }

  private Map<String, AttributeValue> item(String key) {
    return client.getItem(b -> b.tableName(TABLE).key(StoredItem.key(bucket, key)).consistentRead(true)).item();
  }

  private static long number(Map<String, AttributeValue> item, String attribute) {
    return Long.parseLong(item.get(attribute).n());
  }
}
