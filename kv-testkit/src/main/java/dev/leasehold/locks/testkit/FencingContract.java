package dev.leasehold.locks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leasehold.kv.Entry;
import dev.leasehold.kv.testkit.FaultyStore.Operation;
import dev.leasehold.locks.Lease;
import dev.leasehold.locks.LeaseLostException;
import dev.leasehold.locks.LossReason;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The ABA scenario that lets a stalled holder steal a lock in other libraries: holder A stalls past its
 * lease, B takes over and releases (the record is deleted), C acquires (the record is created again). A must
 * not disturb C: its lease is lost, its renewal and release fail, and C's fencing token is larger than
 * both. Two layers protect C: A's local deadline, and, even when A's clock says its lease is still valid,
 * the compare-and-set on a version that never repeats.
 */
public interface FencingContract extends LockFixture {

  @Test
  default void aStalledHolderLosesItsLeaseAndNeverDisturbsItsSuccessors() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    FakeProcess c = process("c");
    Lease stalled = a.locks().acquire("k", options());
    a.scheduler().pause();
    CompletableFuture<Lease> takeover = b.locks().acquireAsync("k", options());
    time().advance(LEASE.plus(SKEW));
    Lease second = takeover.join();
    second.close();
    Lease third = c.locks().acquire("k", options());
    Entry thirdsRecord = store().get("k").orElseThrow();

    a.scheduler().resume();
    time().runDue();

    assertThat(stalled.lost()).isCompletedWithValue(LossReason.EXPIRED);
    assertThat(stalled.isValid()).isFalse();
    assertThatThrownBy(stalled::renew).isInstanceOfSatisfying(LeaseLostException.class,
        e -> assertThat(e.reason()).isEqualTo(LossReason.EXPIRED));
    stalled.close();
    assertThat(a.store().requests(Operation.UPDATE)).isZero();
    assertThat(a.store().requests(Operation.COMPARE_AND_DELETE)).isEqualTo(1);
    assertThat(store().get("k")).contains(thirdsRecord);
    assertThat(third.isValid()).isTrue();
    assertThat(second.fencingToken()).isGreaterThan(stalled.fencingToken());
    assertThat(third.fencingToken()).isGreaterThan(second.fencingToken());
    assertThat(c.locks().holder("k").orElseThrow().fencingToken()).isEqualTo(third.fencingToken());
  }

  @Test
  default void aRenewalOnAVersionFromBeforeADeleteAndRecreateFailsEvenIfTheHoldersClockSaysItIsValid()
      throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    FakeProcess c = process("c");
    Lease stale = a.locks().acquire("k", options());
    // The store's clock jumps far beyond the maximum skew: the record expires while A's ticker stands still.
    time().clock().advance(LEASE.plus(SKEW));
    b.locks().acquire("k", options()).close();
    Lease third = c.locks().acquire("k", options());
    assertThat(stale.isValid()).isTrue();

    time().advance(LEASE.dividedBy(3));

    assertThat(a.store().requests(Operation.UPDATE)).isEqualTo(1);
    assertThat(stale.lost()).isCompletedWithValue(LossReason.STOLEN);
    assertThat(stale.isValid()).isFalse();
    assertThat(third.isValid()).isTrue();
    assertThat(third.fencingToken()).isGreaterThan(stale.fencingToken());
    assertThat(c.locks().holder("k").orElseThrow().fencingToken()).isEqualTo(third.fencingToken());
  }
}
