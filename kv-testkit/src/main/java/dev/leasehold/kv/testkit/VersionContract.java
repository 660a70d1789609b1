package dev.leasehold.kv.testkit;

import static dev.leasehold.kv.testkit.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leasehold.kv.Entry;
import dev.leasehold.kv.KeyExistsException;
import dev.leasehold.kv.KeyNotFoundException;
import dev.leasehold.kv.VersionMismatchException;
import dev.leasehold.kv.WriteOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Versions are positive and strictly increase for a key across every write, including delete and
 * re-create, so a version read once can never match again (no ABA).
 */
public interface VersionContract extends StoreFixture {

  @Test
  default void everyKindOfWriteGivesAStrictlyGreaterVersion() {
    List<Long> versions = new ArrayList<>();
    versions.add(store().create("k", utf8("1")).version());
    versions.add(store().put("k", utf8("2")).version());
    versions.add(store().update("k", utf8("3"), versions.get(1)).version());
    store().atomic().set("k", utf8("4")).commit();
    versions.add(store().get("k").orElseThrow().version());
    store().atomic().check("k", versions.get(3)).set("k", utf8("5")).commit();
    versions.add(store().get("k").orElseThrow().version());

    assertThat(versions).allSatisfy(v -> assertThat(v).isPositive()).isSorted().doesNotHaveDuplicates();
  }

  @Test
  default void reCreatedKeyGetsAGreaterVersionThanBeforeTheDelete() {
    Entry before = store().put("k", utf8("old"));
    store().delete("k");

    Entry after = store().create("k", utf8("new"));

    assertThat(after.version()).isGreaterThan(before.version());
  }

  @Test
  default void versionFromBeforeADeleteNeverMatchesTheReCreatedKey() {
    Entry before = store().put("k", utf8("old"));
    store().delete("k", before.version());
    Entry recreated = store().create("k", utf8("new"));

    assertThatThrownBy(() -> store().update("k", utf8("stale"), before.version()))
        .isInstanceOfSatisfying(VersionMismatchException.class, e -> assertThat(e.current()).contains(recreated));
    assertThatThrownBy(() -> store().delete("k", before.version()))
        .isInstanceOf(VersionMismatchException.class);
    assertThat(store().atomic().check("k", before.version()).set("k", utf8("stale")).commit().ok()).isFalse();
    assertThat(store().get("k")).contains(recreated);
  }

  @Test
  default void versionFromBeforeAnAtomicDeleteNeverMatchesAgain() {
    Entry before = store().put("k", utf8("old"));
    store().atomic().delete("k").commit();

    Entry recreated = store().put("k", utf8("new"));

    assertThat(recreated.version()).isGreaterThan(before.version());
    assertThatThrownBy(() -> store().update("k", utf8("stale"), before.version()))
        .isInstanceOf(VersionMismatchException.class);
  }

  @Test
  default void versionFromBeforeExpiryNeverMatchesTheReCreatedKey() {
    Entry before = store().put("k", utf8("old"), WriteOptions.ttl(Duration.ofSeconds(5)));
    clock().advance(Duration.ofSeconds(5));

    Entry recreated = store().create("k", utf8("new"));

    assertThat(recreated.version()).isGreaterThan(before.version());
    assertThatThrownBy(() -> store().update("k", utf8("stale"), before.version()))
        .isInstanceOf(VersionMismatchException.class);
  }

  @Test
  default void staleVersionOfADeletedKeyReportsKeyNotFound() {
    Entry before = store().put("k", utf8("v"));
    store().delete("k");

    assertThatThrownBy(() -> store().update("k", utf8("stale"), before.version()))
        .isInstanceOf(KeyNotFoundException.class);
  }

  @Test
  default void failedWritesDoNotChangeTheVersion() {
    Entry v1 = store().put("k", utf8("v"));

    assertThatThrownBy(() -> store().create("k", utf8("x"))).isInstanceOf(KeyExistsException.class);
    assertThatThrownBy(() -> store().update("k", utf8("x"), v1.version() + 1000))
        .isInstanceOf(VersionMismatchException.class);
    assertThat(store().atomic().checkAbsent("k").set("k", utf8("x")).commit().ok()).isFalse();

    assertThat(store().get("k")).contains(v1);
  }
}
