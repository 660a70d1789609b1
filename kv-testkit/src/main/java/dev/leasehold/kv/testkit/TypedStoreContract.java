package dev.leasehold.kv.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leasehold.kv.Backoff;
import dev.leasehold.kv.KeyNotFoundException;
import dev.leasehold.kv.RetriesExhaustedException;
import dev.leasehold.kv.TypedStore;
import dev.leasehold.kv.VersionMismatchException;
import dev.leasehold.kv.Versioned;
import dev.leasehold.kv.WriteOptions;
import dev.leasehold.kv.codec.Codec;
import dev.leasehold.kv.codec.JsonCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Typed values through codecs and optimistic read-modify-write, which relies on the backend reporting the
 * current entry with every conflict.
 */
public interface TypedStoreContract extends StoreFixture {

  /** A JSON-mapped value. */
  record Account(String owner, long balance, List<String> tags) {
    Account withBalance(long newBalance) {
      return new Account(owner, newBalance, tags);
    }
  }

  @Test
  default void recordsRoundTripAsJson() {
    TypedStore<Account> accounts = TypedStore.of(store(), JsonCodec.of(Account.class));
    Account alice = new Account("alice", 100, List.of("vip", "ünïcode 🔑"));

    Versioned<Account> written = accounts.create("account/alice", alice);

    assertThat(accounts.get("account/alice")).contains(written);
    assertThat(written.value()).isEqualTo(alice);
  }

  @Test
  default void updateAppliesTheFunctionToTheCurrentValue() {
    TypedStore<Account> accounts = TypedStore.of(store(), JsonCodec.of(Account.class));
    Versioned<Account> before = accounts.create("account/alice", new Account("alice", 100, List.of()));

    Versioned<Account> after = accounts.update("account/alice", a -> a.withBalance(a.balance() - 10));

    assertThat(after.value().balance()).isEqualTo(90);
    assertThat(after.version()).isGreaterThan(before.version());
    assertThat(accounts.get("account/alice")).contains(after);
  }

  @Test
  default void typedUpdateKeepsTheExpiry() {
    TypedStore<String> strings = TypedStore.of(store(), Codec.utf8());
    Versioned<String> before = strings.put("k", "a", WriteOptions.ttl(Duration.ofMinutes(1)));

    Versioned<String> after = strings.update("k", s -> s + "b");

    assertThat(after.expiresAt()).isEqualTo(before.expiresAt());
  }

  @Test
  default void typedUpdateOfAnAbsentKeyFailsWithKeyNotFound() {
    TypedStore<String> strings = TypedStore.of(store(), Codec.utf8());

    assertThatThrownBy(() -> strings.update("absent", s -> s + "x")).isInstanceOf(KeyNotFoundException.class);
    assertThat(store().exists("absent")).isFalse();
  }

  @Test
  default void updateRetriesWithTheEntryTheConflictReported() {
    TypedStore<Long> numbers = TypedStore.of(store(), Codec.longs());
    numbers.put("n", 1L);
    AtomicInteger calls = new AtomicInteger();

    Versioned<Long> result = numbers.update("n", n -> {
      if (calls.incrementAndGet() == 1) {
        numbers.put("n", 100L);
      }
      return n + 1;
    });

    assertThat(calls).hasValue(2);
    assertThat(result.value()).isEqualTo(101L);
    assertThat(numbers.get("n").orElseThrow().value()).isEqualTo(101L);
  }

  @Test
  default void updateGivesUpAfterTheConfiguredAttempts() {
    TypedStore<Long> numbers = TypedStore.builder(store(), Codec.longs())
        .maxAttempts(3)
        .backoff(Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(2)))
        .build();
    numbers.put("n", 0L);
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(() -> numbers.update("n", n -> {
      numbers.put("n", 1000L + calls.incrementAndGet());
      return n + 1;
    })).isInstanceOfSatisfying(RetriesExhaustedException.class, e -> {
      assertThat(e.attempts()).isEqualTo(3);
      assertThat(e.key()).isEqualTo("n");
      assertThat(e.getCause()).isInstanceOf(VersionMismatchException.class);
    });
    assertThat(calls).hasValue(3);
    assertThat(numbers.get("n").orElseThrow().value()).isEqualTo(1003L);
  }

  @Test
  default void concurrentUpdatesLoseNothing() {
    TypedStore<Long> numbers = TypedStore.builder(store(), Codec.longs())
        .maxAttempts(1_000)
        .backoff(Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(20)))
        .build();
    numbers.put("n", 0L);

    ConcurrentRun.run(ConcurrencyContract.THREADS, thread -> {
      for (int i = 0; i < ConcurrencyContract.OPERATIONS_PER_THREAD; i++) {
        numbers.update("n", n -> n + 1);
      }
    });

    assertThat(numbers.get("n").orElseThrow().value())
        .isEqualTo((long) ConcurrencyContract.THREADS * ConcurrencyContract.OPERATIONS_PER_THREAD);
  }
}
