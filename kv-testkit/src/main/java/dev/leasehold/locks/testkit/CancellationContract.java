package dev.leasehold.locks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leasehold.kv.Backoff;
import dev.leasehold.kv.Store;
import dev.leasehold.kv.StoreUnavailableException;
import dev.leasehold.kv.testkit.FaultyStore.Fault;
import dev.leasehold.kv.testkit.FaultyStore.Operation;
import dev.leasehold.locks.Lease;
import dev.leasehold.locks.LockClient;
import dev.leasehold.locks.LockOptions;
import dev.leasehold.locks.LockTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Acquisitions that end without a lease (timeout, interrupt, cancellation, closing the client, an unanswered
 * request) leave nothing behind: no record in the store, no task on the scheduler, no later request, and
 * the client's other leases untouched.
 */
public interface CancellationContract extends LockFixture {

  @Test
  default void anAcquisitionThatTimesOutNamesTheHolderAndLeavesNothingBehind() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    Lease held = a.locks().acquire("k", options());
    CompletableFuture<Lease> waiting = b.locks().acquireAsync("k", options().waitAtMost(Duration.ofSeconds(5)));
    time().advance(Duration.ofSeconds(5).minusNanos(1));
    assertThat(waiting).isNotDone();

    time().advance(Duration.ofNanos(1));

    assertThat(waiting).isCompletedExceptionally();
    assertThatThrownBy(waiting::join).isInstanceOf(CompletionException.class)
        .cause().isInstanceOfSatisfying(LockTimeoutException.class, e -> {
          assertThat(e.waited()).isEqualTo(Duration.ofSeconds(5));
          assertThat(e.holder()).hasValueSatisfying(holder -> {
            assertThat(holder.owner()).isEqualTo("a");
            assertThat(holder.fencingToken()).isEqualTo(held.fencingToken());
          });
        });
    assertNothingLeftBehind(a, held, b);
  }

  @Test
  default void anInterruptedAcquisitionThrowsAndLeavesNothingBehind() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    Lease held = a.locks().acquire("k", options());
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread waiter = new Thread(() -> {
      try {
        b.locks().acquire("k", options());
        outcome.complete(null);
      } catch (Throwable t) {
        outcome.complete(t);
      }
    }, "waiter");
    waiter.start();
    Await.until("the waiter to wait for its next attempt", Duration.ofSeconds(30),
        () -> b.scheduler().pendingTasks() == 1 && waiter.getState() == Thread.State.WAITING);

    waiter.interrupt();

    assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    assertNothingLeftBehind(a, held, b);
  }

  @Test
  default void anInterruptedCallerGetsInterruptedExceptionBeforeAnyRequest() {
    FakeProcess a = process("a");
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> a.locks().acquire("k", options())).isInstanceOf(InterruptedException.class);
    } finally {
      Thread.interrupted();
    }
    assertThat(a.store().requests()).isZero();
    assertThat(a.scheduler().pendingTasks()).isZero();
  }

  @Test
  default void cancellingAWaitLeavesNothingBehindAndTheClientsLeasesRenewing() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    Lease heldByA = a.locks().acquire("k", options());
    Lease heldByB = b.locks().acquire("other", options());
    int pendingForItsLease = b.scheduler().pendingTasks();
    CompletableFuture<Lease> waiting = b.locks().acquireAsync("k", options());
    time().runDue();

    assertThat(waiting.cancel(true)).isTrue();
    time().runDue();

    assertThat(b.scheduler().pendingTasks()).isEqualTo(pendingForItsLease);
    long creates = b.store().requests(Operation.CREATE);
    time().advance(LEASE.multipliedBy(3));
    assertThat(b.store().requests(Operation.CREATE)).isEqualTo(creates);
    assertThat(heldByB.isValid()).isTrue();
    assertThat(heldByB.lost()).isNotDone();
    assertThat(heldByA.isValid()).isTrue();
  }

  @Test
  default void closingTheClientFailsItsWaits() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    a.locks().acquire("k", options());
    CompletableFuture<Lease> waiting = b.locks().acquireAsync("k", options());
    BlockedCall<Lease> blocked = BlockedCall.blockedIn("waiter", () -> b.locks().acquire("k", options()));
    time().runDue();

    b.locks().close();
    time().runDue();

    assertThat(waiting).failsWithin(0, TimeUnit.SECONDS).withThrowableThat().havingCause()
        .isInstanceOf(IllegalStateException.class);
    assertThat(blocked.outcome()).failsWithin(30, TimeUnit.SECONDS).withThrowableThat().havingCause()
        .isInstanceOf(IllegalStateException.class);
    assertThat(b.scheduler().pendingTasks()).isZero();
  }

  @Test
  default void anUnansweredAcquisitionIsUndoneWhenItGivesUp() {
    FakeProcess a = process("a");
    a.store().failNext(Operation.CREATE, Fault.AFTER_APPLYING);

    assertThatThrownBy(() -> a.locks().acquire("k", options().noWait()))
        .isInstanceOfSatisfying(LockTimeoutException.class,
            e -> assertThat(e).hasCauseInstanceOf(StoreUnavailableException.class));
    assertThat(store().get("k")).isEmpty();
  }

  @Test
  default void anUnansweredTryAcquireThrowsAndIsUndone() {
    FakeProcess a = process("a");
    a.store().failNext(Operation.CREATE, Fault.AFTER_APPLYING);

    assertThatThrownBy(() -> a.locks().tryAcquire("k", options())).isInstanceOf(StoreUnavailableException.class);
    assertThat(store().get("k")).isEmpty();
  }

  @Test
  default void cancellationsRacingWithAcquisitionsNeverLeaveARecordBehind() throws Exception {
    Store store = realTimeStore();
    LockClient racer = closeAfterTest(LockClient.builder(store).owner("racer").build());
    LockOptions options = LockOptions.lease(Duration.ofSeconds(30))
        .backoff(Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(5)));

    for (int i = 0; i < 200; i++) {
      CompletableFuture<Lease> attempt = racer.acquireAsync("race", options);
      spinFor(ThreadLocalRandom.current().nextLong(TimeUnit.MICROSECONDS.toNanos(200)));
      if (!attempt.cancel(true)) {
        attempt.join().close();
      }
    }

    // A record left behind would block the newcomer for 31 seconds.
    LockClient newcomer = closeAfterTest(LockClient.builder(store).owner("newcomer").build());
    try (Lease lease = newcomer.acquire("race", options.waitAtMost(Duration.ofSeconds(10)))) {
      assertThat(lease.isValid()).isTrue();
    }
  }

  /** The waiter sends nothing more, even once the lock is free, and the holder's release empties the store. */
  private void assertNothingLeftBehind(FakeProcess holder, Lease held, FakeProcess waiter) {
    assertThat(waiter.scheduler().pendingTasks()).isZero();
    assertThat(holder.locks().holder("k").orElseThrow().fencingToken()).isEqualTo(held.fencingToken());
    long requests = waiter.store().requests();
    held.close();
    time().advance(LEASE);
    assertThat(waiter.store().requests()).isEqualTo(requests);
    assertThat(store().get("k")).isEmpty();
  }

  /** Varies where in an acquisition a cancellation lands, without sleeping. */
  private static void spinFor(long nanos) {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() - end < 0) {
      Thread.onSpinWait();
    }
  }
}
