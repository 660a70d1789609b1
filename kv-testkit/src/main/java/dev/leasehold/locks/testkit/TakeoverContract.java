package dev.leasehold.locks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leasehold.kv.testkit.FaultyStore.Operation;
import dev.leasehold.locks.Lease;
import dev.leasehold.locks.LockAttempt;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Taking over from a holder that stopped renewing (crashed, paused, cut off), in the two ways the design
 * allows: by observing its record unchanged for a full lease on the waiter's own ticker, which trusts no
 * clock, and, sooner, through the record's expiry in the store at lease plus maximum clock skew. Never while
 * the holder's own lease is still valid, as long as clocks disagree by less than the maximum skew.
 */
public interface TakeoverContract extends LockFixture {

  @Test
  default void aCrashedHolderIsTakenOverAfterAFullLeaseOfUnchangedObservationWhateverTheWallClockSays()
      throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    Lease crashed = a.locks().acquire("k", options());
    a.scheduler().pause();
    CompletableFuture<Lease> waiting = b.locks().acquireAsync("k", options());
    time().runDue();

    // The wall clock stands still, so the record never expires in the store: only observation can free it.
    time().advanceTicker(LEASE.minusNanos(1));
    assertThat(waiting).isNotDone();
    assertThat(crashed.isValid()).isTrue();
    time().advanceTicker(Duration.ofNanos(1));

    assertThat(waiting).isCompleted();
    Lease taken = waiting.join();
    assertThat(crashed.isValid()).isFalse();
    assertThat(taken.fencingToken()).isGreaterThan(crashed.fencingToken());
    assertThat(b.store().requests(Operation.UPDATE)).isEqualTo(1);
    assertThat(b.locks().holder("k").orElseThrow().owner()).isEqualTo("b");
  }

  @Test
  default void aHolderThatKeepsRenewingIsNeverTakenOver() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    Lease held = a.locks().acquire("k", options());
    CompletableFuture<Lease> waiting = b.locks().acquireAsync("k", options());

    time().advance(LEASE.multipliedBy(5));

    assertThat(waiting).isNotDone();
    assertThat(held.isValid()).isTrue();
    assertThat(b.store().requests(Operation.UPDATE)).isZero();
  }

  @Test
  default void aLateArrivalTakesOverAnExpiredRecordWithItsFirstRequest() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    Lease crashed = a.locks().acquire("k", options());
    a.scheduler().pause();
    time().advance(LEASE.plus(SKEW).minusMillis(1));
    assertThat(b.locks().tryAcquire("k", options()).acquired()).isFalse();
    time().advance(Duration.ofMillis(1));
    long requests = b.store().requests();

    LockAttempt attempt = b.locks().tryAcquire("k", options());

    assertThat(attempt.acquired()).isTrue();
    assertThat(b.store().requests() - requests).isEqualTo(1);
    assertThat(crashed.isValid()).isFalse();
    assertThat(attempt.lease().orElseThrow().fencingToken()).isGreaterThan(crashed.fencingToken());
  }

  @Test
  default void aWaiterTakesOverWhenTheRecordExpiresWithoutAFullLeaseOfObservation() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    Lease crashed = a.locks().acquire("k", options());
    a.scheduler().pause();
    time().advance(LEASE.minusSeconds(1));
    CompletableFuture<Lease> waiting = b.locks().acquireAsync("k", options());

    time().advance(SKEW.plusSeconds(1).minusMillis(1));
    assertThat(waiting).isNotDone();
    time().advance(Duration.ofMillis(1));

    assertThat(waiting).isCompleted();
    assertThat(waiting.join().fencingToken()).isGreaterThan(crashed.fencingToken());
    assertThat(b.store().requests(Operation.UPDATE)).isZero();
  }

  @Test
  default void theRecordOutlivesTheHoldersLeaseAsLongAsClocksDisagreeByLessThanTheMaximumSkew() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    Lease held = a.locks().acquire("k", options().manualRenewal());
    time().clock().advance(SKEW.minusMillis(1));

    time().advance(LEASE.minusMillis(1));
    assertThat(held.isValid()).isTrue();
    assertThat(b.locks().tryAcquire("k", options()).acquired()).isFalse();
    time().advance(Duration.ofMillis(1));
    assertThat(held.isValid()).isFalse();
    assertThat(b.locks().tryAcquire("k", options()).acquired()).isFalse();
    time().advance(Duration.ofMillis(1));

    assertThat(b.locks().tryAcquire("k", options()).acquired()).isTrue();
  }
}
