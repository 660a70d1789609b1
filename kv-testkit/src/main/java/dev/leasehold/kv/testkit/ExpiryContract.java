package dev.leasehold.kv.testkit;

import static dev.leasehold.kv.testkit.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leasehold.kv.Entry;
import dev.leasehold.kv.KeyNotFoundException;
import dev.leasehold.kv.ListOptions;
import dev.leasehold.kv.WriteOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expiry, judged by the store's clock: an expired entry is absent for every read, listing and condition.
 */
public interface ExpiryContract extends StoreFixture {
  Duration TTL = Duration.ofSeconds(30);

  @Test
  default void entryWithTtlReportsItsExpiry() {
    Instant now = clock().instant();

    Entry entry = store().put("k", utf8("v"), WriteOptions.ttl(TTL));

    assertThat(entry.expiresAt()).contains(now.plus(TTL));
    assertThat(store().get("k").orElseThrow().expiresAt()).contains(now.plus(TTL));
  }

  @Test
  default void expiryIsKeptToTheMillisecondRoundedUp() {
    Instant at = clock().instant().plus(TTL).plusNanos(1_234_567);
    Instant roundedUp = at.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);

    Entry entry = store().put("k", utf8("v"), WriteOptions.expiresAt(at));

    assertThat(entry.expiresAt()).contains(roundedUp);
    assertThat(store().get("k").orElseThrow().expiresAt()).contains(roundedUp);
  }

  @Test
  default void entryIsLiveUntilJustBeforeItsExpiry() {
    store().put("k", utf8("v"), WriteOptions.ttl(TTL));

    clock().advance(TTL.minusMillis(1));

    assertThat(store().get("k")).isPresent();
    assertThat(store().exists("k")).isTrue();
  }

  @Test
  default void expiredEntryIsAbsentForEveryRead() {
    store().put("k", utf8("v"), WriteOptions.ttl(TTL));
    store().put("other", utf8("v"));

    clock().advance(TTL);

    assertThat(store().get("k")).isEmpty();
    assertThat(store().exists("k")).isFalse();
    assertThat(store().getAll(List.of("k", "other"))).containsOnlyKeys("other");
    assertThat(store().list("", ListOptions.defaults()).entries()).extracting(Entry::key).containsExactly("other");
    assertThat(store().scan("").map(Entry::key)).containsExactly("other");
  }

  @Test
  default void createSucceedsOverAnExpiredEntry() {
    store().put("k", utf8("old"), WriteOptions.ttl(TTL));
    clock().advance(TTL);

    Entry created = store().create("k", utf8("new"));

    assertThat(store().get("k")).contains(created);
    assertThat(created.expiresAt()).isEmpty();
  }

  @Test
  default void compareAndSetOnAnExpiredEntryFailsWithKeyNotFound() {
    Entry old = store().put("k", utf8("old"), WriteOptions.ttl(TTL));
    clock().advance(TTL);

    assertThatThrownBy(() -> store().update("k", utf8("new"), old.version()))
        .isInstanceOf(KeyNotFoundException.class);
    assertThatThrownBy(() -> store().delete("k", old.version()))
        .isInstanceOf(KeyNotFoundException.class);
    assertThat(store().get("k")).isEmpty();
  }

  @Test
  default void deleteOfAnExpiredEntryReportsNothingDeleted() {
    store().put("k", utf8("v"), WriteOptions.ttl(TTL));
    clock().advance(TTL);

    assertThat(store().delete("k")).isFalse();
  }

  @Test
  default void atomicChecksTreatAnExpiredEntryAsAbsent() {
    Entry old = store().put("k", utf8("old"), WriteOptions.ttl(TTL));
    clock().advance(TTL);

    assertThat(store().atomic().check("k", old.version()).set("x", utf8("1")).commit().ok()).isFalse();
    assertThat(store().atomic().checkAbsent("k").set("k", utf8("new")).commit().ok()).isTrue();
    assertThat(store().get("k").orElseThrow().value()).isEqualTo(utf8("new"));
    assertThat(store().exists("x")).isFalse();
  }

  @Test
  default void counterOnAnExpiredEntryStartsFromTheOperand() {
    store().put("n", utf8("bytes"), WriteOptions.ttl(TTL));
    clock().advance(TTL);

    store().atomic().sum("n", 5).commit();

    assertThat(store().get("n").orElseThrow().asLong()).isEqualTo(5);
  }

  @Test
  default void updateKeepsTheExpiryByDefault() {
    Entry v1 = store().put("k", utf8("v1"), WriteOptions.ttl(TTL));
    clock().advance(Duration.ofSeconds(10));

    Entry v2 = store().update("k", utf8("v2"), v1.version());

    assertThat(v2.expiresAt()).isEqualTo(v1.expiresAt());
    clock().advance(Duration.ofSeconds(20));
    assertThat(store().get("k")).isEmpty();
  }

  @Test
  default void putWithKeepTtlKeepsTheCurrentExpiry() {
    Entry v1 = store().put("k", utf8("v1"), WriteOptions.ttl(TTL));

    Entry v2 = store().put("k", utf8("v2"), WriteOptions.keepTtl());

    assertThat(v2.expiresAt()).isEqualTo(v1.expiresAt());
    assertThat(store().get("k").orElseThrow().expiresAt()).isEqualTo(v1.expiresAt());
  }

  @Test
  default void keepTtlWithoutACurrentEntryMeansNoExpiry() {
    Entry created = store().put("k", utf8("v"), WriteOptions.keepTtl());

    assertThat(created.expiresAt()).isEmpty();
  }

  @Test
  default void keepTtlDoesNotKeepTheExpiryOfAnExpiredEntry() {
    store().put("k", utf8("v1"), WriteOptions.ttl(TTL));
    clock().advance(TTL);

    Entry v2 = store().put("k", utf8("v2"), WriteOptions.keepTtl());

    assertThat(v2.expiresAt()).isEmpty();
    assertThat(store().get("k")).contains(v2);
  }

  @Test
  default void writeWithoutOptionsClearsTheExpiry() {
    store().put("k", utf8("v1"), WriteOptions.ttl(TTL));

    store().put("k", utf8("v2"));
    clock().advance(TTL.multipliedBy(10));

    assertThat(store().get("k").orElseThrow().expiresAt()).isEmpty();
  }

  @Test
  default void updateCanSetANewExpiry() {
    Entry v1 = store().put("k", utf8("v1"), WriteOptions.ttl(TTL));
    clock().advance(Duration.ofSeconds(20));

    Entry v2 = store().update("k", utf8("v2"), v1.version(), WriteOptions.ttl(TTL));
    clock().advance(Duration.ofSeconds(20));

    assertThat(store().get("k")).contains(v2);
  }

  @Test
  default void atomicSetHonoursTtlAndKeepTtl() {
    Entry kept = store().put("kept", utf8("v1"), WriteOptions.ttl(TTL));

    store().atomic()
        .set("kept", utf8("v2"), WriteOptions.keepTtl())
        .set("fresh", utf8("v"), WriteOptions.ttl(Duration.ofSeconds(10)))
        .commit();

    assertThat(store().get("kept").orElseThrow().expiresAt()).isEqualTo(kept.expiresAt());
    clock().advance(Duration.ofSeconds(10));
    assertThat(store().exists("fresh")).isFalse();
    assertThat(store().exists("kept")).isTrue();
  }

  @Test
  default void atomicSetWithKeepTtlOverADeletedKeyHasNoExpiry() {
    store().put("k", utf8("v1"), WriteOptions.ttl(TTL));
    store().delete("k");

    store().atomic().set("k", utf8("v2"), WriteOptions.keepTtl()).commit();

    assertThat(store().get("k").orElseThrow().expiresAt()).isEmpty();
  }

  @Test
  default void countersHaveNoExpiry() {
    store().put("n", utf8("x"), WriteOptions.ttl(TTL));
    clock().advance(TTL);
    store().atomic().sum("n", 1).commit();

    clock().advance(TTL.multipliedBy(10));

    assertThat(store().get("n").orElseThrow().expiresAt()).isEmpty();
  }
}
