package dev.leasehold.locks.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leasehold.kv.InvalidKeyException;
import dev.leasehold.kv.Limits;
import dev.leasehold.kv.StoreUnavailableException;
import dev.leasehold.kv.testkit.FaultyStore.Fault;
import dev.leasehold.kv.testkit.FaultyStore.Operation;
import dev.leasehold.locks.LockClient;
import dev.leasehold.locks.LockTimeoutException;
import dev.leasehold.locks.LossReason;
import dev.leasehold.locks.Permit;
import dev.leasehold.locks.Semaphore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Taking and releasing permits: their request costs, one slot and one fencing token per permit, takeover
 * of a crashed holder's slot once its record expires, waiters let in at once by a release, waits that time
 * out, are interrupted, cancelled or ended by closing the client without leaving anything behind, and bad
 * input rejected before any request.
 */
public interface SemaphoreContract extends RecipeFixture {

  @Test
  default void tryAcquireOfAFreePermitCostsOneListAndOneCreate() {
    FakeProcess a = process("a");

    Permit permit = semaphore(a, 3).tryAcquire().orElseThrow();

    assertThat(a.store().requests()).isEqualTo(2);
    assertThat(a.store().requests(Operation.LIST)).isEqualTo(1);
    assertThat(a.store().requests(Operation.CREATE)).isEqualTo(1);
    assertThat(permit.isValid()).isTrue();
    assertThat(permit.remaining()).isEqualTo(LEASE);
    assertThat(permit.slot()).isBetween(0, 2);
    assertThat(permit.name()).isEqualTo(SEMAPHORE + "/" + permit.slot());
    assertThat(a.locks().holder(permit.name()).orElseThrow().fencingToken()).isEqualTo(permit.fencingToken());
  }

  @Test
  default void tryAcquireWhenEveryPermitIsHeldCostsOneList() {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    Semaphore held = semaphore(a, 3);
    for (int i = 0; i < 3; i++) {
      held.tryAcquire().orElseThrow();
    }

    assertThat(semaphore(b, 3).tryAcquire()).isEmpty();

    assertThat(b.store().requests()).isEqualTo(1);
    assertThat(b.store().requests(Operation.LIST)).isEqualTo(1);
  }

  @Test
  default void eachPermitHoldsItsOwnSlotAndALaterPermitOnTheSlotHasALargerToken() throws Exception {
    FakeProcess a = process("a");
    Semaphore pool = semaphore(a, 3);

    List<Permit> permits = List.of(pool.acquire(), pool.acquire(), pool.acquire());

    assertThat(permits).extracting(Permit::slot).containsExactlyInAnyOrder(0, 1, 2);
    for (Permit permit : permits) {
      assertThat(a.locks().holder(permit.name()).orElseThrow().fencingToken()).isEqualTo(permit.fencingToken());
    }
    Permit released = permits.get(1);
    released.close();
    Permit again = pool.tryAcquire().orElseThrow();
    assertThat(again.slot()).isEqualTo(released.slot());
    assertThat(again.fencingToken()).isGreaterThan(released.fencingToken());
  }

  @Test
  default void releasingAPermitCostsOneRequestAndFreesItsSlot() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    Permit permit = semaphore(a, 1).acquire();
    long requests = a.store().requests();

    permit.close();
    permit.close();
    time().runDue();

    assertThat(a.store().requests() - requests).isEqualTo(1);
    assertThat(a.store().requests(Operation.COMPARE_AND_DELETE)).isEqualTo(1);
    assertThat(permit.isValid()).isFalse();
    assertThat(permit.lost()).isCompletedWithValue(LossReason.RELEASED);
    assertThat(store().get(permit.name())).isEmpty();
    assertThat(semaphore(b, 1).tryAcquire()).isPresent();
  }

  @Test
  default void permitsAreRenewedLikeLeases() throws Exception {
    FakeProcess a = process("a");
    Permit permit = semaphore(a, 2).acquire();

    time().advance(LEASE.multipliedBy(3));

    assertThat(permit.isValid()).isTrue();
    assertThat(a.store().requests(Operation.UPDATE)).isEqualTo(9);
    assertThat(a.locks().holder(permit.name()).orElseThrow().fencingToken()).isEqualTo(permit.fencingToken());
  }

  @Test
  default void aReleaseLetsAWaiterOfTheSameSemaphoreInAtOnce() throws Exception {
    FakeProcess a = process("a");
    Semaphore pool = semaphore(a, 1);
    Permit held = pool.acquire();
    CompletableFuture<Permit> waiting = pool.acquireAsync();
    time().advance(LEASE);
    assertThat(waiting).isNotDone();

    held.close();
    time().runDue();

    assertThat(waiting).isCompleted();
    assertThat(waiting.join().fencingToken()).isGreaterThan(held.fencingToken());
  }

  @Test
  default void aCrashedHoldersSlotIsTakenOverOnceItsRecordExpires() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    Permit crashed = semaphore(a, 1).acquire();
    a.scheduler().pause();
    Semaphore pool = semaphore(b, 1);
    CompletableFuture<Permit> waiting = pool.acquireAsync();

    time().advance(LEASE);
    assertThat(crashed.isValid()).isFalse();
    assertThat(pool.tryAcquire()).isEmpty();
    time().advance(SKEW.minusMillis(1));
    assertThat(waiting).isNotDone();
    time().advance(Duration.ofMillis(1));

    assertThat(waiting).isCompleted();
    assertThat(waiting.join().slot()).isEqualTo(crashed.slot());
    assertThat(waiting.join().fencingToken()).isGreaterThan(crashed.fencingToken());
  }

  @Test
  default void aWaitThatRunsOutNamesTheSemaphoreAndLeavesNothingBehind() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    Permit held = semaphore(a, 1).acquire();
    Semaphore pool = Semaphore.builder(b.locks(), SEMAPHORE, 1)
        .options(permitOptions().waitAtMost(Duration.ofSeconds(5)))
        .build();
    CompletableFuture<Permit> waiting = pool.acquireAsync();
    time().advance(Duration.ofSeconds(5).minusNanos(1));
    assertThat(waiting).isNotDone();

    time().advance(Duration.ofNanos(1));

    assertThat(waiting).failsWithin(0, TimeUnit.SECONDS).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(LockTimeoutException.class, e -> {
          assertThat(e.name()).isEqualTo(SEMAPHORE);
          assertThat(e.waited()).isEqualTo(Duration.ofSeconds(5));
        });
    assertNothingLeftBehind(b, held);
  }

  @Test
  default void anInterruptedAcquireThrowsAndLeavesNothingBehind() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    Permit held = semaphore(a, 1).acquire();
    Semaphore pool = semaphore(b, 1);
    BlockedCall<Permit> waiter = BlockedCall.blockedIn("waiter", pool::acquire);

    waiter.interrupt();

    assertThat(waiter.outcome()).failsWithin(30, TimeUnit.SECONDS).withThrowableThat().havingCause()
        .isInstanceOf(InterruptedException.class);
    assertNothingLeftBehind(b, held);
  }

  @Test
  default void cancellingAWaitLeavesNothingBehind() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    Permit held = semaphore(a, 1).acquire();
    CompletableFuture<Permit> waiting = semaphore(b, 1).acquireAsync();
    time().runDue();

    assertThat(waiting.cancel(true)).isTrue();
    time().runDue();

    assertNothingLeftBehind(b, held);
  }

  @Test
  default void closingTheLockClientEndsItsWaits() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    semaphore(a, 1).acquire();
    Semaphore pool = semaphore(b, 1);
    CompletableFuture<Permit> waiting = pool.acquireAsync();
    BlockedCall<Permit> blocked = BlockedCall.blockedIn("waiter", pool::acquire);

    b.locks().close();
    time().runDue();

    assertThat(waiting).failsWithin(0, TimeUnit.SECONDS).withThrowableThat().havingCause()
        .isInstanceOf(IllegalStateException.class);
    assertThat(blocked.outcome()).failsWithin(30, TimeUnit.SECONDS).withThrowableThat().havingCause()
        .isInstanceOf(IllegalStateException.class);
    assertThat(b.scheduler().pendingTasks()).isZero();
    assertThatThrownBy(pool::tryAcquire).isInstanceOf(IllegalStateException.class);
  }

  @Test
  default void anUnansweredTryAcquireThrowsAndLeavesNoRecord() {
    FakeProcess a = process("a");
    a.store().failNext(Operation.CREATE, Fault.AFTER_APPLYING);

    assertThatThrownBy(semaphore(a, 1)::tryAcquire).isInstanceOf(StoreUnavailableException.class);

    assertThat(store().get(SEMAPHORE + "/0")).isEmpty();
  }

  @Test
  default void acquireRetriesRoundsThatCannotReachTheStore() {
    FakeProcess a = process("a");
    a.store().failNext(Operation.LIST, Fault.BEFORE_APPLYING, 2);

    CompletableFuture<Permit> waiting = semaphore(a, 1).acquireAsync();
    time().advance(BACKOFF.max().multipliedBy(2));

    assertThat(waiting).isCompleted();
    assertThat(a.store().requests(Operation.LIST)).isEqualTo(3);
  }

  @Test
  default void otherKeysUnderTheSemaphoresNameAreNotPermits() {
    FakeProcess a = process("a");
    for (String key : List.of("notes", "07", "+1", "2", "1/x", "")) {
      store().put(SEMAPHORE + "/" + key, "not a permit".getBytes(UTF_8));
    }
    Semaphore pool = semaphore(a, 2);

    assertThat(pool.tryAcquire()).isPresent();
    assertThat(pool.tryAcquire()).isPresent();
    assertThat(pool.tryAcquire()).isEmpty();
  }

  @Test
  default void invalidSemaphoreSettingsAreRejectedBeforeAnyRequest() {
    FakeProcess a = process("a");
    LockClient locks = a.locks();

    assertThatThrownBy(() -> Semaphore.builder(locks, SEMAPHORE, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("permits");
    assertThatThrownBy(() -> Semaphore.builder(locks, SEMAPHORE, Semaphore.MAX_PERMITS + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Semaphore.builder(locks, "", 1)).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> Semaphore.builder(locks, "s".repeat(Limits.MAX_KEY_BYTES - 1), 10))
        .isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> Semaphore.builder(null, SEMAPHORE, 1)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Semaphore.builder(locks, SEMAPHORE, 1).options(null))
        .isInstanceOf(NullPointerException.class);
    Semaphore largest = Semaphore.builder(locks, "s".repeat(Limits.MAX_KEY_BYTES - 2), 10).build();
    assertThat(largest.permits()).isEqualTo(10);

    assertThat(a.store().requests()).isZero();
  }

  /** The waiter sends nothing more, even once the permit is free, and holds nothing. */
  private void assertNothingLeftBehind(FakeProcess waiter, Permit held) {
    assertThat(waiter.scheduler().pendingTasks()).isZero();
    long requests = waiter.store().requests();
    held.close();
    time().advance(LEASE.multipliedBy(2));
    assertThat(waiter.store().requests()).isEqualTo(requests);
    assertThat(store().get(held.name())).isEmpty();
  }
}
