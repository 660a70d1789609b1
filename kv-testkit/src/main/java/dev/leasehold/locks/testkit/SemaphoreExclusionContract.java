package dev.leasehold.locks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leasehold.kv.Backoff;
import dev.leasehold.kv.Store;
import dev.leasehold.locks.LockClient;
import dev.leasehold.locks.LockOptions;
import dev.leasehold.locks.Permit;
import dev.leasehold.locks.Semaphore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
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
 * A semaphore under real contention: sixteen threads in four clients, each client with its own
 * {@link Semaphore} object, take three permits on real time, waiting or trying. Inside, each slot's plain,
 * unsynchronised counter is incremented, so two holders of one slot at once show up as a lost update; besides,
 * never more than three permits may be held or valid at once, and each slot's tokens must strictly increase.
 * With short leases and holders that stall until their permit runs out, the others take their slots over,
 * and still never more than three permits are valid at the same moment.
 */
public interface SemaphoreExclusionContract extends RecipeFixture {
  /** Threads taking permits. */
  int THREADS = 16;
  /** Clients the threads are spread over, each with its own semaphore object. */
  int CLIENTS = 4;
  /** Permits of the semaphore. */
  int PERMITS = 3;

  @Test
  default void sixteenThreadsNeverHoldMoreThanThePermitsAtOnce() throws Exception {
    LockOptions options = LockOptions.lease(Duration.ofSeconds(10)).waitAtMost(Duration.ofSeconds(60))
        .backoff(Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(20)));
    long[] counters = new long[PERMITS];
    long[] lastTokens = new long[PERMITS];
    AtomicInteger[] insideSlot = new AtomicInteger[PERMITS];
    for (int slot = 0; slot < PERMITS; slot++) {
      insideSlot[slot] = new AtomicInteger();
    }
    AtomicInteger inside = new AtomicInteger();
    AtomicLong taken = new AtomicLong();
    Queue<String> violations = new ConcurrentLinkedQueue<>();

    inSixteenThreads(options, semaphoreRoundsPerThread(), (semaphore, random) -> {
      Optional<Permit> maybe = random.nextInt(4) == 0 ? semaphore.tryAcquire() : Optional.of(semaphore.acquire());
      if (maybe.isEmpty()) {
        return;
      }
      try (Permit permit = maybe.get()) {
        taken.incrementAndGet();
        int slot = permit.slot();
        if (inside.incrementAndGet() > PERMITS) {
          violations.add("more than " + PERMITS + " holders at once");
        }
        if (insideSlot[slot].incrementAndGet() != 1) {
          violations.add("two holders of slot " + slot + " at once");
        }
        if (permit.fencingToken() <= lastTokens[slot]) {
          violations.add("fencing token " + permit.fencingToken() + " of slot " + slot + " follows " + lastTokens[slot]);
        }
        lastTokens[slot] = permit.fencingToken();
        long counter = counters[slot];
        Thread.yield();
        counters[slot] = counter + 1;
        if (!permit.isValid()) {
          violations.add("permit on slot " + slot + " expired in its critical section");
        }
        insideSlot[slot].decrementAndGet();
        inside.decrementAndGet();
      }
    });

    assertThat(violations).isEmpty();
    long increments = 0;
    for (long counter : counters) {
      increments += counter;
    }
    assertThat(increments).isEqualTo(taken.get()).isPositive();
  }

  @Test
  default void stalledHoldersAreTakenOverWithoutMoreValidPermitsThanThePermits() throws Exception {
    LockOptions options = LockOptions.lease(Duration.ofMillis(100)).maxClockSkew(Duration.ofMillis(20))
        .waitAtMost(Duration.ofSeconds(60)).backoff(Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(10)));
    List<Permit> handedOut = new ArrayList<>();
    Queue<String> violations = new ConcurrentLinkedQueue<>();

    inSixteenThreads(options, Math.max(1, semaphoreRoundsPerThread() / 10), (semaphore, random) -> {
      Permit permit = semaphore.acquire();
      synchronized (handedOut) {
        // Validity only ever turns false, and all were handed out before this check: those read valid here
        // were all valid when the first was read.
        Set<Integer> validSlots = new HashSet<>();
        for (Permit other : handedOut) {
          if (other.isValid() && !validSlots.add(other.slot())) {
            violations.add("two valid permits on slot " + other.slot());
          }
          if (other.slot() == permit.slot() && other.fencingToken() >= permit.fencingToken() && permit.isValid()) {
            violations.add("fencing token " + permit.fencingToken() + " of slot " + permit.slot() + " after "
                + other.fencingToken());
          }
        }
        if (permit.isValid() && !validSlots.add(permit.slot())) {
          violations.add("two valid permits on slot " + permit.slot());
        }
        if (validSlots.size() > PERMITS) {
          violations.add(validSlots.size() + " valid permits at once");
        }
        handedOut.removeIf(other -> !other.isValid());
        handedOut.add(permit);
      }
      if (random.nextInt(4) == 0) {
        // A holder that stalls: it stops renewing, and its slot must be taken over.
        permit.stopRenewal();
        permit.lost().get(30, TimeUnit.SECONDS);
      }
      permit.close();
    });

    assertThat(violations).isEmpty();
  }

  /**
   * Runs {@code rounds} rounds in each of sixteen threads spread over four clients of the real-time store,
   * each client with its own semaphore object, all starting together.
   */
  private void inSixteenThreads(LockOptions options, int rounds, PermitRound round) throws Exception {
    Store store = realTimeStore();
    List<Semaphore> semaphores = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      LockClient client = closeAfterTest(LockClient.builder(store).owner("client-" + i).build());
      semaphores.add(Semaphore.builder(client, SEMAPHORE, PERMITS).options(options).build());
    }
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    closeAfterTest(threads::shutdownNow);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Semaphore semaphore = semaphores.get(t % CLIENTS);
      Random random = new Random(t);
      done.add(threads.submit(() -> {
        start.await();
        for (int i = 0; i < rounds; i++) {
          round.run(semaphore, random);
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
