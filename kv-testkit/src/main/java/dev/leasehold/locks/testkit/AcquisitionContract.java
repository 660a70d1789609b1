package dev.leasehold.locks.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leasehold.kv.Backoff;
import dev.leasehold.kv.InvalidKeyException;
import dev.leasehold.kv.codec.CodecException;
import dev.leasehold.kv.testkit.FaultyStore.Fault;
import dev.leasehold.kv.testkit.FaultyStore.Operation;
import dev.leasehold.locks.Lease;
import dev.leasehold.locks.LockAttempt;
import dev.leasehold.locks.LockClient;
import dev.leasehold.locks.LockInfo;
import dev.leasehold.locks.LockTimeoutException;
import dev.leasehold.locks.Locker;
import dev.leasehold.locks.LossReason;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Taking locks: one request per uncontended acquire and per failed try, holders reported from the same
 * request, fencing tokens, waking waiters, lockers, and bad input rejected before any request.
 */
public interface AcquisitionContract extends LockFixture {

  @Test
  default void acquiringAFreeLockCostsOneRequest() throws Exception {
    FakeProcess a = process("a");

    Lease lease = a.locks().acquire("orders/42", options());

    assertThat(a.store().requests()).isEqualTo(1);
    assertThat(a.store().requests(Operation.CREATE)).isEqualTo(1);
    assertThat(lease.name()).isEqualTo("orders/42");
    assertThat(lease.fencingToken()).isPositive();
    assertThat(lease.isValid()).isTrue();
    assertThat(lease.remaining()).isEqualTo(LEASE);
    assertThat(lease.leaseLength()).isEqualTo(LEASE);
  }

  @Test
  default void tryAcquireOfAFreeLockCostsOneRequest() {
    FakeProcess a = process("a");

    LockAttempt attempt = a.locks().tryAcquire("jobs/7", options());

    assertThat(attempt.acquired()).isTrue();
    assertThat(attempt.lease()).hasValueSatisfying(lease -> assertThat(lease.isValid()).isTrue());
    assertThat(attempt.holder()).isEmpty();
    assertThat(a.store().requests()).isEqualTo(1);
  }

  @Test
  default void tryAcquireOfAHeldLockCostsOneRequestAndReportsTheHolder() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    Lease held = a.locks().acquire("jobs/7", options().data(utf8("host-a")));

    LockAttempt attempt = b.locks().tryAcquire("jobs/7", options());

    assertThat(attempt.acquired()).isFalse();
    assertThat(attempt.lease()).isEmpty();
    assertThat(attempt.holder()).contains(new LockInfo("jobs/7", "a", held.fencingToken(), LEASE, utf8("host-a")));
    assertThat(b.store().requests()).isEqualTo(1);
    assertThat(held.isValid()).isTrue();
  }

  @Test
  default void acquireWithoutWaitingFailsAfterOneRequestNamingTheHolder() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    Lease held = a.locks().acquire("jobs/7", options());

    assertThatThrownBy(() -> b.locks().acquire("jobs/7", options().noWait()))
        .isInstanceOfSatisfying(LockTimeoutException.class, e -> {
          assertThat(e.name()).isEqualTo("jobs/7");
          assertThat(e.holder()).hasValueSatisfying(holder -> {
            assertThat(holder.owner()).isEqualTo("a");
            assertThat(holder.fencingToken()).isEqualTo(held.fencingToken());
          });
          assertThat(e).hasMessageContaining("'jobs/7'").hasMessageContaining("'a'")
              .hasMessageContaining(Long.toString(held.fencingToken()));
        });
    assertThat(b.store().requests()).isEqualTo(1);
  }

  @Test
  default void holderReportsOwnerFencingTokenDataAndLeaseLength() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    Lease lease = a.locks().acquire("orders/42", options().data(utf8("host-a")));

    assertThat(b.locks().holder("orders/42"))
        .contains(new LockInfo("orders/42", "a", lease.fencingToken(), LEASE, utf8("host-a")));
    assertThat(lease.data()).isEqualTo(utf8("host-a"));
    assertThat(b.store().requests()).isEqualTo(1);
  }

  @Test
  default void aFreeLockHasNoHolder() {
    assertThat(process("a").locks().holder("orders/42")).isEmpty();
  }

  @Test
  default void fencingTokensStrictlyIncreaseFromHolderToHolder() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    long previous = 0;

    for (int i = 0; i < 6; i++) {
      try (Lease lease = (i % 2 == 0 ? a : b).locks().acquire("k", options())) {
        assertThat(lease.fencingToken()).isGreaterThan(previous);
        previous = lease.fencingToken();
      }
    }
  }

  @Test
  default void theFencingTokenStaysTheSameAcrossRenewals() throws Exception {
    FakeProcess a = process("a");
    Lease lease = a.locks().acquire("k", options());
    long token = lease.fencingToken();

    time().advance(LEASE.multipliedBy(3));

    assertThat(a.store().requests(Operation.UPDATE)).isGreaterThanOrEqualTo(3);
    assertThat(store().get("k").orElseThrow().version()).isGreaterThan(token);
    assertThat(lease.fencingToken()).isEqualTo(token);
    assertThat(a.locks().holder("k").orElseThrow().fencingToken()).isEqualTo(token);
  }

  @Test
  default void aReleaseWakesAWaiterOfTheSameClientAtOnce() throws Exception {
    FakeProcess a = process("a");
    Lease first = a.locks().acquire("k", options());
    Backoff patient = Backoff.exponential(Duration.ofSeconds(30), Duration.ofSeconds(30));
    CompletableFuture<Lease> second = a.locks().acquireAsync("k", options().backoff(patient));
    time().runDue();
    assertThat(second).isNotDone();

    first.close();
    time().runDue();

    assertThat(second).isCompleted();
    assertThat(second.join().fencingToken()).isGreaterThan(first.fencingToken());
  }

  @Test
  default void aWaiterInAnotherClientAcquiresWithinOneBackoffOfARelease() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    Lease first = a.locks().acquire("k", options());
    CompletableFuture<Lease> second = b.locks().acquireAsync("k", options());
    time().advance(LEASE);
    assertThat(second).isNotDone();

    first.close();
    time().advance(BACKOFF.max());

    assertThat(second).isCompleted();
    assertThat(second.join().fencingToken()).isGreaterThan(first.fencingToken());
  }

  @Test
  default void aLockerLocksUnlocksAndLocksAgain() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    Locker locker = a.locks().locker("k", options());

    Lease first = locker.lock();
    assertThat(locker.lease()).contains(first);
    assertThat(b.locks().tryAcquire("k", options()).acquired()).isFalse();
    locker.unlock();
    locker.unlock();
    assertThat(first.isValid()).isFalse();
    assertThat(locker.lease()).isEmpty();
    Lease second = locker.tryLock().orElseThrow();

    assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
    assertThat(locker.lease()).contains(second);
  }

  @Test
  default void aLockerLocksAgainAfterItsLeaseWasLost() throws Exception {
    FakeProcess a = process("a");
    Locker locker = a.locks().locker("k", options().manualRenewal());
    Lease first = locker.lock();
    time().advance(LEASE);
    assertThat(first.lost()).isCompletedWithValue(LossReason.EXPIRED);
    assertThat(locker.lease()).isEmpty();

    Lease second = locker.lock();

    assertThat(second.isValid()).isTrue();
    assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
  }

  @Test
  default void aLockerRefusesToLockWhileItHoldsTheLock() throws Exception {
    Locker locker = process("a").locks().locker("k", options());
    locker.lock();

    assertThatThrownBy(locker::lock).isInstanceOf(IllegalStateException.class).hasMessageContaining("'k'");
    assertThatThrownBy(locker::tryLock).isInstanceOf(IllegalStateException.class);
  }

  @Test
  default void badInputIsRejectedBeforeAnyRequest() {
    FakeProcess a = process("a");
    LockClient locks = a.locks();

    assertThatThrownBy(() -> locks.acquire("", options())).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> locks.tryAcquire(null, options())).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> locks.acquireAsync("k", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> locks.holder("\uD800")).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> locks.locker("x".repeat(1025), options())).isInstanceOf(InvalidKeyException.class);
    assertThat(a.store().requests()).isZero();
  }

  @Test
  default void badOwnerIdsAreRejectedWhenTheClientIsBuilt() {
    assertThatThrownBy(() -> LockClient.builder(store()).owner(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LockClient.builder(store()).owner("x".repeat(LockClient.MAX_OWNER_LENGTH + 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LockClient.builder(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  default void aKeyHoldingSomethingOtherThanALockIsReportedNotOverwritten() {
    FakeProcess a = process("a");
    store().put("k", utf8("not a lock"));

    assertThatThrownBy(() -> a.locks().tryAcquire("k", options()))
        .isInstanceOf(CodecException.class).hasMessageContaining("'k'").hasMessageNotContaining("not a lock");
    assertThatThrownBy(() -> a.locks().acquire("k", options())).isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> a.locks().holder("k")).isInstanceOf(CodecException.class);
    assertThat(store().get("k").orElseThrow().value()).isEqualTo(utf8("not a lock"));
  }

  @Test
  default void anAcquisitionRetriesWhileTheStoreIsUnreachable() {
    FakeProcess a = process("a");
    a.store().failNext(Operation.CREATE, Fault.BEFORE_APPLYING, 3);
    CompletableFuture<Lease> acquiring = a.locks().acquireAsync("k", options());

    time().advance(BACKOFF.max().multipliedBy(3));

    assertThat(acquiring).isCompleted();
    assertThat(a.store().requests(Operation.CREATE)).isEqualTo(4);
  }

  @Test
  default void aWaiterCutOffFromTheStoreBacksOffPastTheHoldersLease() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    a.locks().acquire("k", options());
    CompletableFuture<Lease> waiting = b.locks().acquireAsync("k", options());
    time().runDue();
    // The holder's lease, as the waiter last saw it, runs out while the waiter cannot reach the store.
    b.store().failNext(Operation.CREATE, Fault.BEFORE_APPLYING, 10_000);
    b.store().failNext(Operation.UPDATE, Fault.BEFORE_APPLYING, 10_000);

    time().advance(LEASE.multipliedBy(2));

    assertThat(waiting).isNotDone();
    assertThat(b.store().requests()).isLessThan(1_000);
  }

  @Test
  default void closingTheClientReleasesItsLeasesAndRefusesNewAcquisitions() throws Exception {
    FakeProcess a = process("a");
    Lease one = a.locks().acquire("one", options());
    Lease two = a.locks().acquire("two", options());

    a.locks().close();
    time().runDue();

    assertThat(one.lost()).isCompletedWithValue(LossReason.RELEASED);
    assertThat(two.lost()).isCompletedWithValue(LossReason.RELEASED);
    assertThat(store().get("one")).isEmpty();
    assertThat(store().get("two")).isEmpty();
    assertThatThrownBy(() -> a.locks().acquire("three", options())).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> a.locks().tryAcquire("three", options())).isInstanceOf(IllegalStateException.class);
    assertThat(a.scheduler().isShutdown()).as("a scheduler the caller supplied").isFalse();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(UTF_8);
  }
}
