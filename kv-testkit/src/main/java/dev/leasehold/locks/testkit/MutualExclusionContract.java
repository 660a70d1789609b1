package dev.leasehold.locks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leasehold.kv.Backoff;
import dev.leasehold.kv.Store;
import dev.leasehold.locks.Lease;
import dev.leasehold.locks.LockClient;
import dev.leasehold.locks.LockOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Mutual exclusion under real contention: sixteen threads in four clients take two locks at random, on real
 * time. Each critical section increments plain, unsynchronised counters, so a single overlap shows up as a
 * lost update; besides, at most one lease per lock may be inside at once, no two live leases of a lock may
 * share a fencing token, and each lock's tokens must strictly increase. With short leases and holders that
 * stall until their lease runs out, the others take over, and still no two leases of a lock are valid at
 * the same moment.
 */
public interface MutualExclusionContract extends LockFixture {
  /** Threads taking the locks. */
  int THREADS = 16;
  /** Clients the threads are spread over; waiters in one client are woken by its releases. */
  int CLIENTS = 4;
  /** Locks the threads contend for. */
  int LOCKS = 2;

  @Test
  default void sixteenThreadsOnTwoLocksNeverOverlap() throws Exception {
    LockOptions options = LockOptions.lease(Duration.ofSeconds(10)).waitAtMost(Duration.ofSeconds(60))
        .backoff(Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(20)));
    long[] counters = new long[LOCKS];
    long[] lastTokens = new long[LOCKS];
    AtomicLong[] acquisitions = new AtomicLong[LOCKS];
    AtomicInteger[] inside = new AtomicInteger[LOCKS];
    List<Set<Long>> liveTokens = new ArrayList<>();
    for (int lock = 0; lock < LOCKS; lock++) {
      acquisitions[lock] = new AtomicLong();
      inside[lock] = new AtomicInteger();
      liveTokens.add(ConcurrentHashMap.newKeySet());
    }
    Queue<String> violations = new ConcurrentLinkedQueue<>();
    int rounds = fuzzRoundsPerThread();

    inSixteenThreads(rounds, (client, lock, random) -> {
      try (Lease lease = client.acquire("fuzz/" + lock, options)) {
        acquisitions[lock].incrementAndGet();
        long token = lease.fencingToken();
        if (inside[lock].incrementAndGet() != 1) {
          violations.add("two holders of fuzz/" + lock + " at once");
        }
        if (!liveTokens.get(lock).add(token)) {
          violations.add("two live leases of fuzz/" + lock + " share fencing token " + token);
        }
        if (token <= lastTokens[lock]) {
          violations.add("fencing token " + token + " of fuzz/" + lock + " follows " + lastTokens[lock]);
        }
        lastTokens[lock] = token;
        long counter = counters[lock];
        Thread.yield();
        counters[lock] = counter + 1;
        if (!lease.isValid()) {
          violations.add("lease on fuzz/" + lock + " expired in its critical section");
        }
        liveTokens.get(lock).remove(token);
        inside[lock].decrementAndGet();
      }
    });

    assertThat(violations).isEmpty();
    for (int lock = 0; lock < LOCKS; lock++) {
      assertThat(counters[lock]).as("increments of fuzz/" + lock).isEqualTo(acquisitions[lock].get());
    }
    assertThat(acquisitions[0].get() + acquisitions[1].get()).isEqualTo((long) THREADS * rounds);
  }

  @Test
  default void stalledHoldersAreTakenOverWithoutTwoValidLeasesAtOnce() throws Exception {
    LockOptions options = LockOptions.lease(Duration.ofMillis(100)).waitAtMost(Duration.ofSeconds(60))
        .backoff(Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(10)));
    List<List<Lease>> handedOut = new ArrayList<>();
    for (int lock = 0; lock < LOCKS; lock++) {
      handedOut.add(new ArrayList<>());
    }
    Queue<String> violations = new ConcurrentLinkedQueue<>();

    inSixteenThreads(Math.max(1, fuzzRoundsPerThread() / 10), (client, lock, random) -> {
      Lease lease = client.acquire("stall/" + lock, options);
      List<Lease> leases = handedOut.get(lock);
      synchronized (leases) {
        for (Lease other : leases) {
          // Validity only ever turns false: both true, read in this order, means both held at once.
          if (other.isValid() && lease.isValid()) {
            violations.add("two valid leases of stall/" + lock + ": " + other + " and " + lease);
          }
          if (other.fencingToken() >= lease.fencingToken() && lease.isValid()) {
            violations.add("fencing token " + lease.fencingToken() + " of stall/" + lock + " after "
                + other.fencingToken());
          }
        }
        leases.removeIf(other -> !other.isValid());
        leases.add(lease);
      }
      if (random.nextInt(4) == 0) {
        // A holder that stalls: it stops renewing and the others must take the lock over.
        lease.stopRenewal();
        lease.lost().get(30, TimeUnit.SECONDS);
      }
      lease.close();
    });

    assertThat(violations).isEmpty();
  }

  /**
   * Runs {@code rounds} rounds in each of sixteen threads spread over four clients of the real-time store,
   * all starting together; each round works on a lock picked at random.
   */
  private void inSixteenThreads(int rounds, FuzzRound round) throws Exception {
    Store store = realTimeStore();
    List<LockClient> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(closeAfterTest(LockClient.builder(store).owner("client-" + i).build()));
    }
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    closeAfterTest(threads::shutdownNow);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      LockClient client = clients.get(t % CLIENTS);
      Random random = new Random(t);
      done.add(threads.submit(() -> {
        start.await();
        for (int i = 0; i < rounds; i++) {
          round.run(client, random.nextInt(LOCKS), random);
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> thread : done) {
      thread.get(90, TimeUnit.SECONDS);
    }
  }
}
