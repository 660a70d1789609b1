package dev.leasehold.kv.testkit;

import static dev.leasehold.kv.testkit.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leasehold.kv.ConditionFailedException;
import dev.leasehold.kv.Entry;
import dev.leasehold.kv.KeyExistsException;
import dev.leasehold.kv.KeyNotFoundException;
import dev.leasehold.kv.Limits;
import dev.leasehold.kv.ListOptions;
import dev.leasehold.kv.ReadOptions;
import dev.leasehold.kv.VersionMismatchException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reads and writes of single keys: get, put, create, compare-and-set update and delete, exists, getAll. */
public interface BasicOperationsContract extends StoreFixture {

  @Test
  default void getOfAnAbsentKeyIsEmpty() {
    assertThat(store().get("never-written")).isEmpty();
    assertThat(store().exists("never-written")).isFalse();
  }

  @Test
  default void putThenGetReturnsTheWrittenEntry() {
    Entry written = store().put("k", utf8("v1"));

    Entry read = store().get("k").orElseThrow();

    assertThat(read).isEqualTo(written);
    assertThat(read.key()).isEqualTo("k");
    assertThat(read.value()).isEqualTo(utf8("v1"));
    assertThat(read.version()).isPositive();
    assertThat(read.expiresAt()).isEmpty();
    assertThat(read.isCounter()).isFalse();
  }

  @Test
  default void eventuallyConsistentReadReturnsAWrittenEntry() {
    Entry written = store().put("k", utf8("v"));

    assertThat(store().get("k", ReadOptions.eventual())).contains(written);
  }

  @Test
  default void putOverwritesWithAGreaterVersion() {
    Entry first = store().put("k", utf8("v1"));

    Entry second = store().put("k", utf8("v2"));

    assertThat(second.version()).isGreaterThan(first.version());
    assertThat(store().get("k")).contains(second);
  }

  @Test
  default void emptyAndLargestValuesRoundTrip() {
    byte[] largest = new byte[Limits.MAX_VALUE_BYTES];
    Arrays.fill(largest, (byte) 0xA5);
    largest[0] = 0;

    store().put("empty", new byte[0]);
    store().put("largest", largest);

    assertThat(store().get("empty").orElseThrow().value()).isEmpty();
    assertThat(store().get("largest").orElseThrow().value()).isEqualTo(largest);
  }

  @Test
  default void everyByteValueRoundTrips() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }

    store().put("k", all);

    assertThat(store().get("k").orElseThrow().value()).isEqualTo(all);
  }

  @Test
  default void storeKeepsItsOwnCopyOfTheValue() {
    byte[] value = utf8("original");
    store().put("k", value);
    value[0] = 'X';

    byte[] read = store().get("k").orElseThrow().value();
    read[1] = 'Y';

    assertThat(store().get("k").orElseThrow().value()).isEqualTo(utf8("original"));
  }

  @Test
  default void createWritesAnAbsentKey() {
    Entry created = store().create("k", utf8("v"));

    assertThat(store().get("k")).contains(created);
  }

  @Test
  default void createOfAnExistingKeyFailsWithTheCurrentEntry() {
    Entry existing = store().put("k", utf8("v1"));

    assertThatThrownBy(() -> store().create("k", utf8("v2")))
        .isInstanceOfSatisfying(KeyExistsException.class, e -> {
          assertThat(e.key()).isEqualTo("k");
          assertThat(e.current()).contains(existing);
        });
    assertThat(store().get("k")).contains(existing);
  }

  @Test
  default void updateAtTheExpectedVersionWritesANewVersion() {
    Entry v1 = store().put("k", utf8("v1"));

    Entry v2 = store().update("k", utf8("v2"), v1.version());

    assertThat(v2.version()).isGreaterThan(v1.version());
    assertThat(v2.value()).isEqualTo(utf8("v2"));
    assertThat(store().get("k")).contains(v2);
  }

  @Test
  default void updateAtAStaleVersionFailsWithTheCurrentEntry() {
    Entry v1 = store().put("k", utf8("v1"));
    Entry v2 = store().update("k", utf8("v2"), v1.version());

    assertThatThrownBy(() -> store().update("k", utf8("v3"), v1.version()))
        .isInstanceOfSatisfying(VersionMismatchException.class, e -> {
          assertThat(e.key()).isEqualTo("k");
          assertThat(e.expectedVersion()).isEqualTo(v1.version());
          assertThat(e.current()).contains(v2);
        });
    assertThat(store().get("k")).contains(v2);
  }

  @Test
  default void updateOfAnAbsentKeyFailsWithKeyNotFound() {
    assertThatThrownBy(() -> store().update("k", utf8("v"), 1))
        .isInstanceOfSatisfying(KeyNotFoundException.class, e -> assertThat(e.current()).isEmpty());
    assertThat(store().exists("k")).isFalse();
  }

  @Test
  default void conditionFailuresShareOneSupertype() {
    Entry v1 = store().put("k", utf8("v1"));

    assertThatThrownBy(() -> store().create("k", utf8("v")))
        .isInstanceOf(ConditionFailedException.class);
    assertThatThrownBy(() -> store().update("k", utf8("v"), v1.version() + 1))
        .isInstanceOf(ConditionFailedException.class);
    assertThatThrownBy(() -> store().delete("absent", 1))
        .isInstanceOf(ConditionFailedException.class);
  }

  @Test
  default void deleteRemovesTheKeyAndReportsWhetherItExisted() {
    store().put("k", utf8("v"));

    assertThat(store().delete("k")).isTrue();
    assertThat(store().get("k")).isEmpty();
    assertThat(store().exists("k")).isFalse();
  }

  @Test
  default void deleteIsIdempotent() {
    store().put("k", utf8("v"));
    store().delete("k");

    assertThat(store().delete("k")).isFalse();
    assertThat(store().delete("never-written")).isFalse();
  }

  @Test
  default void compareAndDeleteAtTheExpectedVersionRemovesTheKey() {
    Entry v1 = store().put("k", utf8("v"));

    store().delete("k", v1.version());

    assertThat(store().get("k")).isEmpty();
  }

  @Test
  default void compareAndDeleteAtAStaleVersionFailsWithTheCurrentEntry() {
    Entry v1 = store().put("k", utf8("v1"));
    Entry v2 = store().put("k", utf8("v2"));

    assertThatThrownBy(() -> store().delete("k", v1.version()))
        .isInstanceOfSatisfying(VersionMismatchException.class, e -> assertThat(e.current()).contains(v2));
    assertThat(store().get("k")).contains(v2);
  }

  @Test
  default void compareAndDeleteOfAnAbsentKeyFailsWithKeyNotFound() {
    assertThatThrownBy(() -> store().delete("k", 1)).isInstanceOf(KeyNotFoundException.class);
  }

  @Test
  default void existsReflectsWritesAndDeletes() {
    store().put("k", utf8("v"));
    assertThat(store().exists("k")).isTrue();

    store().delete("k");
    assertThat(store().exists("k")).isFalse();
  }

  @Test
  default void getAllReturnsThePresentKeysOnly() {
    Entry a = store().put("a", utf8("1"));
    Entry c = store().put("c", utf8("3"));

    Map<String, Entry> found = store().getAll(List.of("a", "b", "c"));

    assertThat(found).containsOnly(Map.entry("a", a), Map.entry("c", c));
  }

  @Test
  default void getAllReadsDuplicatesOnceAndAcceptsNoKeys() {
    Entry a = store().put("a", utf8("1"));

    assertThat(store().getAll(List.of("a", "a", "a"))).containsOnly(Map.entry("a", a));
    assertThat(store().getAll(List.of())).isEmpty();
  }

  @Test
  default void getAllReadsUpToTheBatchLimit() {
    List<String> keys = TestData.keys("batch/", Limits.MAX_BATCH_KEYS);
    for (String key : keys) {
      store().put(key, utf8(key));
    }

    Map<String, Entry> found = store().getAll(keys);

    assertThat(found).hasSize(Limits.MAX_BATCH_KEYS);
    found.forEach((key, entry) -> assertThat(entry.value()).isEqualTo(utf8(key)));
  }

  @Test
  default void operationsAfterCloseAreRefused() {
    store().close();
    store().close();

    assertThatThrownBy(() -> store().get("k")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store().put("k", utf8("v"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store().list("", ListOptions.defaults())).isInstanceOf(IllegalStateException.class);
  }
}
