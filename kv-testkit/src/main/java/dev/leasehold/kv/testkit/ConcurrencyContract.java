package dev.leasehold.kv.testkit;

import static dev.leasehold.kv.testkit.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leasehold.kv.Entry;
import dev.leasehold.kv.KeyExistsException;
import dev.leasehold.kv.VersionMismatchException;
import dev.leasehold.kv.codec.Codec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Concurrency invariants under many threads: no lost update, exactly one winner, conserved totals,
 * consistent snapshots.
 */
public interface ConcurrencyContract extends StoreFixture {
  int THREADS = 8;
  int OPERATIONS_PER_THREAD = 25;

  @Test
  default void compareAndSetIncrementsLoseNoUpdate() {
    Codec<Long> longs = Codec.longs();
    store().put("counter", longs.encode(0L));

    ConcurrentRun.run(THREADS, thread -> {
      for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
        Entry seen = store().get("counter").orElseThrow();
        while (true) {
          try {
            store().update("counter", longs.encode(longs.decode(seen.value()) + 1), seen.version());
            break;
          } catch (VersionMismatchException conflict) {
            seen = conflict.current().orElseThrow();
          }
        }
      }
    });

    assertThat(longs.decode(store().get("counter").orElseThrow().value()))
        .isEqualTo((long) THREADS * OPERATIONS_PER_THREAD);
  }

  @Test
  default void concurrentCreatesHaveExactlyOneWinner() {
    int rounds = OPERATIONS_PER_THREAD;
    Map<String, List<Integer>> winners = new ConcurrentHashMap<>();
    Map<String, List<Entry>> seenByLosers = new ConcurrentHashMap<>();

    ConcurrentRun.run(THREADS, thread -> {
      for (int round = 0; round < rounds; round++) {
        String key = "race/" + round;
        try {
          store().create(key, utf8("thread-" + thread));
          winners.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>())).add(thread);
        } catch (KeyExistsException lost) {
          seenByLosers.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>()))
              .add(lost.current().orElseThrow());
        }
      }
    });

    assertThat(winners).hasSize(rounds);
    winners.forEach((key, threads) -> {
      assertThat(threads).as("winners of %s", key).hasSize(1);
      Entry stored = store().get(key).orElseThrow();
      assertThat(stored.value()).isEqualTo(utf8("thread-" + threads.get(0)));
      assertThat(seenByLosers.getOrDefault(key, List.of())).hasSize(THREADS - 1).containsOnly(stored);
    });
  }

  @Test
  default void concurrentTransfersPreserveTheTotalInEverySnapshot() {
    Codec<Long> longs = Codec.longs();
    List<String> accounts = TestData.keys("account/", 4);
    long initial = 1_000;
    accounts.forEach(a -> store().put(a, longs.encode(initial)));
    long total = initial * accounts.size();
    AtomicInteger transfers = new AtomicInteger();
    AtomicReference<Long> brokenSnapshot = new AtomicReference<>();

    ConcurrentRun.run(THREADS, thread -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
        if (thread == 0) {
          long sum = store().getAll(accounts).values().stream().mapToLong(e -> longs.decode(e.value())).sum();
          if (sum != total) {
            brokenSnapshot.set(sum);
          }
          continue;
        }
        String from = accounts.get(random.nextInt(accounts.size()));
        String to = accounts.get(random.nextInt(accounts.size()));
        if (from.equals(to)) {
          continue;
        }
        long amount = random.nextLong(1, 50);
        boolean committed = false;
        while (!committed) {
          Map<String, Entry> both = store().getAll(List.of(from, to));
          Entry a = both.get(from);
          Entry b = both.get(to);
          committed = store().atomic()
              .check(from, a.version()).set(from, longs.encode(longs.decode(a.value()) - amount))
              .check(to, b.version()).set(to, longs.encode(longs.decode(b.value()) + amount))
              .commit().ok();
        }
        transfers.incrementAndGet();
      }
    });

    long sum = store().getAll(accounts).values().stream().mapToLong(e -> longs.decode(e.value())).sum();
    assertThat(sum).isEqualTo(total);
    assertThat(brokenSnapshot.get()).as("a getAll saw a half-applied transfer").isNull();
    assertThat(transfers.get()).isPositive();
  }

  @Test
  default void concurrentSumsAreExact() {
    ConcurrentRun.run(THREADS, thread -> {
      for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
        assertThat(store().atomic().sum("hits", 1).sum("thread/" + thread, 1).max("peak", i).commit().ok())
            .isTrue();
      }
    });

    assertThat(store().get("hits").orElseThrow().asLong()).isEqualTo((long) THREADS * OPERATIONS_PER_THREAD);
    assertThat(store().get("peak").orElseThrow().asLong()).isEqualTo(OPERATIONS_PER_THREAD - 1);
    for (int t = 0; t < THREADS; t++) {
      assertThat(store().get("thread/" + t).orElseThrow().asLong()).isEqualTo(OPERATIONS_PER_THREAD);
    }
  }

  @Test
  default void versionsOfOneKeyNeverRepeatUnderConcurrentWrites() {
    Map<Long, Integer> versions = new ConcurrentHashMap<>();

    ConcurrentRun.run(THREADS, thread -> {
      for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
        Entry written = i % 5 == 4
            ? deleteAndRecreate(thread)
            : store().put("shared", utf8("t" + thread));
        assertThat(versions.put(written.version(), thread)).as("version %d reused", written.version()).isNull();
      }
    });

    assertThat(versions).hasSize(THREADS * OPERATIONS_PER_THREAD);
  }

  private Entry deleteAndRecreate(int thread) {
    store().delete("shared");
    return store().put("shared", utf8("t" + thread));
  }
}
