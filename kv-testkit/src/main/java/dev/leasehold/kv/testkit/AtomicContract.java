package dev.leasehold.kv.testkit;

import static dev.leasehold.kv.testkit.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leasehold.kv.AtomicOperation;
import dev.leasehold.kv.CommitResult;
import dev.leasehold.kv.CounterException;
import dev.leasehold.kv.Entry;
import dev.leasehold.kv.Limits;
import dev.leasehold.kv.ListOptions;
import dev.leasehold.kv.codec.Codec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Atomic operations: checks evaluated before mutations, all or nothing, signed 64-bit counters.
 */
public interface AtomicContract extends StoreFixture {

  @Test
  default void commitWritesEveryKeyTogether() {
    CommitResult result = store().atomic().set("a", utf8("1")).set("b", utf8("2")).commit();

    assertThat(result.ok()).isTrue();
    assertThat(result.conflicts()).isEmpty();
    assertThat(store().getAll(List.of("a", "b"))).hasSize(2);
    assertThat(store().get("b").orElseThrow().value()).isEqualTo(utf8("2"));
  }

  @Test
  default void passingChecksLetMutationsApply() {
    Entry alice = store().put("alice", utf8("100"));

    CommitResult result = store().atomic()
        .check("alice", alice.version())
        .checkAbsent("carol")
        .set("alice", utf8("90"))
        .set("bob", utf8("10"))
        .commit();

    assertThat(result.ok()).isTrue();
    assertThat(store().get("alice").orElseThrow().value()).isEqualTo(utf8("90"));
    assertThat(store().get("bob").orElseThrow().value()).isEqualTo(utf8("10"));
  }

  @Test
  default void failedVersionCheckRejectsTheCommitAndWritesNothing() {
    Entry stale = store().put("alice", utf8("100"));
    Entry current = store().put("alice", utf8("95"));
    Entry bob = store().put("bob", utf8("0"));

    CommitResult result = store().atomic()
        .check("alice", stale.version())
        .set("alice", utf8("90"))
        .set("bob", utf8("10"))
        .delete("carol")
        .sum("stats/transfers", 1)
        .commit();

    assertThat(result.ok()).isFalse();
    assertThat(result.conflicts()).containsExactly(new CommitResult.Conflict("alice", Optional.of(current)));
    assertThat(store().get("alice")).contains(current);
    assertThat(store().get("bob")).contains(bob);
    assertThat(store().exists("stats/transfers")).isFalse();
  }

  @Test
  default void failedAbsenceCheckReportsTheExistingEntry() {
    Entry carol = store().put("carol", utf8("x"));

    CommitResult result = store().atomic().checkAbsent("carol").set("dave", utf8("y")).commit();

    assertThat(result.ok()).isFalse();
    assertThat(result.conflicts()).singleElement().satisfies(c -> {
      assertThat(c.key()).isEqualTo("carol");
      assertThat(c.current()).contains(carol);
    });
    assertThat(store().exists("dave")).isFalse();
  }

  @Test
  default void versionCheckOnAnAbsentKeyFailsWithNoCurrentEntry() {
    CommitResult result = store().atomic().check("ghost", 7).set("x", utf8("1")).commit();

    assertThat(result.ok()).isFalse();
    assertThat(result.conflicts()).singleElement().satisfies(c -> assertThat(c.current()).isEmpty());
    assertThat(store().exists("x")).isFalse();
  }

  @Test
  default void checksAloneCommitWithoutWriting() {
    Entry a = store().put("a", utf8("1"));

    assertThat(store().atomic().check("a", a.version()).checkAbsent("b").commit().ok()).isTrue();
    assertThat(store().atomic().check("a", a.version() + 1).checkAbsent("b").commit().ok()).isFalse();
    assertThat(store().get("a")).contains(a);
  }

  @Test
  default void emptyOperationCommits() {
    assertThat(store().atomic().commit().ok()).isTrue();
  }

  @Test
  default void checkAndMutationOnOneKeyFormOneAction() {
    Entry a = store().put("a", utf8("1"));

    assertThat(store().atomic().check("a", a.version()).set("a", utf8("2")).commit().ok()).isTrue();
    assertThat(store().atomic().delete("b").checkAbsent("b").commit().ok()).isTrue();
    assertThat(store().get("a").orElseThrow().value()).isEqualTo(utf8("2"));
  }

  @Test
  default void aKeyTakesOneCheckAndOneMutation() {
    AtomicOperation op = store().atomic().checkAbsent("a").set("a", utf8("1"));

    assertThatThrownBy(() -> op.check("a", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> op.sum("a", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> op.delete("a")).isInstanceOf(IllegalArgumentException.class);
    assertThat(op.commit().ok()).isTrue();
  }

  @Test
  default void operationCommitsOnce() {
    AtomicOperation op = store().atomic().set("a", utf8("1"));
    op.commit();

    assertThatThrownBy(op::commit).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> op.set("b", utf8("2"))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  default void deleteInACommitRemovesTheKeyAndToleratesAbsentKeys() {
    store().put("a", utf8("1"));

    assertThat(store().atomic().delete("a").delete("never").commit().ok()).isTrue();
    assertThat(store().exists("a")).isFalse();
    assertThat(store().exists("never")).isFalse();
  }

  @Test
  default void everyMutatedKeyGetsANewVersionEvenWhenItsValueStays() {
    Entry a = store().put("a", utf8("1"));
    store().atomic().sum("n", 1).commit();
    Entry n1 = store().get("n").orElseThrow();

    store().atomic().set("a", utf8("1")).sum("n", 0).commit();
    Entry n2 = store().get("n").orElseThrow();
    store().atomic().max("n", -5).commit();
    Entry n3 = store().get("n").orElseThrow();

    assertThat(store().get("a").orElseThrow().version()).isGreaterThan(a.version());
    assertThat(List.of(n1, n2, n3)).extracting(Entry::asLong).containsOnly(1L);
    assertThat(List.of(n1, n2, n3)).extracting(Entry::version).isSorted().doesNotHaveDuplicates();
  }

  @Test
  default void commitOfTheMaximumNumberOfKeysApplies() {
    List<String> keys = TestData.keys("k", Limits.MAX_COMMIT_KEYS);
    AtomicOperation op = store().atomic();
    keys.forEach(k -> op.set(k, utf8(k)));

    assertThat(op.commit().ok()).isTrue();
    assertThat(store().list("k", ListOptions.builder().limit(Limits.MAX_COMMIT_KEYS).build()).entries())
        .hasSize(Limits.MAX_COMMIT_KEYS);
  }

  @Test
  default void sumOnAnAbsentKeyStoresTheOperand() {
    store().atomic().sum("n", 42).commit();

    Entry n = store().get("n").orElseThrow();
    assertThat(n.isCounter()).isTrue();
    assertThat(n.asLong()).isEqualTo(42);
    assertThat(n.expiresAt()).isEmpty();
  }

  @Test
  default void sumAddsSignedOperands() {
    store().atomic().sum("n", 10).commit();
    store().atomic().sum("n", -25).commit();
    store().atomic().sum("n", 5).commit();

    assertThat(store().get("n").orElseThrow().asLong()).isEqualTo(-10);
  }

  @Test
  default void minAndMaxKeepTheBound() {
    store().atomic().min("low", 5).max("high", 5).commit();
    store().atomic().min("low", 3).max("high", 3).commit();
    store().atomic().min("low", 9).max("high", 9).commit();

    assertThat(store().get("low").orElseThrow().asLong()).isEqualTo(3);
    assertThat(store().get("high").orElseThrow().asLong()).isEqualTo(9);
  }

  @Test
  default void countersReachTheSigned64BitExtremes() {
    store().atomic().sum("max", Long.MAX_VALUE).sum("min", Long.MIN_VALUE).commit();
    store().atomic().max("max", Long.MIN_VALUE).min("min", Long.MAX_VALUE).commit();

    assertThat(store().get("max").orElseThrow().asLong()).isEqualTo(Long.MAX_VALUE);
    assertThat(store().get("min").orElseThrow().asLong()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  default void counterValueIsItsDecimalFormAndDecodesAsALong() {
    store().atomic().sum("n", -1234567890123L).commit();

    Entry n = store().get("n").orElseThrow();

    assertThat(n.value()).isEqualTo(utf8("-1234567890123"));
    assertThat(Codec.longs().decode(n.value())).isEqualTo(-1234567890123L);
  }

  @Test
  default void sumThatOverflowsRejectsTheWholeCommit() {
    store().atomic().sum("n", Long.MAX_VALUE - 1).commit();
    Entry before = store().get("n").orElseThrow();

    assertThatThrownBy(() -> store().atomic().set("other", utf8("x")).sum("n", 2).commit())
        .isInstanceOfSatisfying(CounterException.class, e -> assertThat(e.key()).isEqualTo("n"));
    assertThat(store().get("n")).contains(before);
    assertThat(store().exists("other")).isFalse();
  }

  @Test
  default void failedCheckWinsOverACounterThatWouldOverflow() {
    store().atomic().sum("n", Long.MAX_VALUE).commit();
    Entry n = store().get("n").orElseThrow();

    CommitResult result = store().atomic().checkAbsent("n").sum("n", 1).commit();

    assertThat(result.ok()).isFalse();
    assertThat(result.conflicts()).extracting(CommitResult.Conflict::key).containsExactly("n");
    assertThat(store().get("n")).contains(n);
  }

  @Test
  default void sumThatUnderflowsRejectsTheWholeCommit() {
    store().atomic().sum("n", Long.MIN_VALUE).commit();

    assertThatThrownBy(() -> store().atomic().sum("n", -1).commit()).isInstanceOf(CounterException.class);
    assertThat(store().get("n").orElseThrow().asLong()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  default void counterMutationOnBytesRejectsTheWholeCommit() {
    Entry bytes = store().put("b", utf8("12"));

    assertThatThrownBy(() -> store().atomic().set("other", utf8("x")).sum("b", 1).commit())
        .isInstanceOf(CounterException.class);
    assertThatThrownBy(() -> store().atomic().max("b", 1).commit()).isInstanceOf(CounterException.class);
    assertThat(store().get("b")).contains(bytes);
    assertThat(store().exists("other")).isFalse();
  }

  @Test
  default void setReplacesACounterWithBytes() {
    store().atomic().sum("n", 1).commit();

    store().atomic().set("n", utf8("text")).commit();

    Entry n = store().get("n").orElseThrow();
    assertThat(n.isCounter()).isFalse();
    assertThatThrownBy(n::asLong).isInstanceOf(IllegalStateException.class);
  }

  @Test
  default void counterMutationsAfterDeleteStartOver() {
    store().atomic().sum("n", 100).commit();
    store().delete("n");

    store().atomic().sum("n", 1).commit();

    assertThat(store().get("n").orElseThrow().asLong()).isEqualTo(1);
  }

  @Test
  default void countersCanBeCheckedAndReplacedWithCompareAndSet() {
    store().atomic().sum("n", 1).commit();
    Entry n = store().get("n").orElseThrow();

    assertThat(store().atomic().check("n", n.version()).sum("n", 1).commit().ok()).isTrue();
    assertThat(store().atomic().check("n", n.version()).sum("n", 1).commit().ok()).isFalse();
    Entry replaced = store().update("n", utf8("bytes"), store().get("n").orElseThrow().version());

    assertThat(replaced.isCounter()).isFalse();
    assertThat(store().getAll(List.of("n"))).isEqualTo(Map.of("n", replaced));
  }
}
