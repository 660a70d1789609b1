package dev.leasehold.locks.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leasehold.kv.Entry;
import dev.leasehold.kv.testkit.FaultyStore.Fault;
import dev.leasehold.kv.testkit.FaultyStore.Operation;
import dev.leasehold.locks.Lease;
import dev.leasehold.locks.LeaseLostException;
import dev.leasehold.locks.LossReason;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Keeping a lease: renewal every third of the lease, retries through an unreachable store until the local
 * deadline and not a moment beyond it, recognising writes whose answers were lost, telling theft from
 * expiry, manual renewal, and a loss signal that completes once.
 */
public interface RenewalContract extends LockFixture {

  @Test
  default void aLeaseIsRenewedEveryThirdOfItsLengthAndStaysValid() throws Exception {
    FakeProcess a = process("a");
    Lease lease = a.locks().acquire("k", options());

    time().advance(LEASE.multipliedBy(10));

    assertThat(a.store().requests(Operation.UPDATE)).isEqualTo(30);
    assertThat(lease.isValid()).isTrue();
    assertThat(lease.lost()).isNotDone();
  }

  @Test
  default void theLocalDeadlineCountsFromBeforeTheRequestWasSent() throws Exception {
    FakeProcess a = process("a");
    a.store().delayNext(Operation.CREATE, () -> time().advance(Duration.ofSeconds(2)));

    Lease lease = a.locks().acquire("k", options().manualRenewal());
    assertThat(lease.remaining()).isEqualTo(LEASE.minusSeconds(2));
    a.store().delayNext(Operation.UPDATE, () -> time().advance(Duration.ofSeconds(3)));
    lease.renew();

    assertThat(lease.remaining()).isEqualTo(LEASE.minusSeconds(3));
  }

  @Test
  default void renewalRetriesThroughTransientFaults() throws Exception {
    FakeProcess a = process("a");
    Lease lease = a.locks().acquire("k", options());
    a.store().failNext(Operation.UPDATE, Fault.BEFORE_APPLYING, 5);

    time().advance(LEASE.multipliedBy(3));

    assertThat(lease.isValid()).isTrue();
    assertThat(lease.lost()).isNotDone();
    assertThat(a.store().requests(Operation.UPDATE)).isGreaterThan(5);
  }

  @Test
  default void persistentFaultsEndTheLeaseAtItsLocalDeadlineAndNotLater() throws Exception {
    FakeProcess a = process("a");
    Lease lease = a.locks().acquire("k", options());
    a.store().failAlways(Operation.UPDATE, Fault.BEFORE_APPLYING);

    time().advance(LEASE.minusNanos(1));
    assertThat(lease.isValid()).isTrue();
    assertThat(lease.remaining()).isEqualTo(Duration.ofNanos(1));
    assertThat(lease.lost()).isNotDone();
    time().advance(Duration.ofNanos(1));

    assertThat(lease.isValid()).isFalse();
    assertThat(lease.remaining()).isZero();
    assertThat(lease.lost()).isCompletedWithValue(LossReason.EXPIRED);
  }

  @Test
  default void aRenewalWhoseAnswerWasLostIsAdoptedNotTakenForTheft() throws Exception {
    FakeProcess a = process("a");
    Lease lease = a.locks().acquire("k", options());
    a.store().failNext(Operation.UPDATE, Fault.AFTER_APPLYING);

    time().advance(LEASE.multipliedBy(3));

    assertThat(lease.isValid()).isTrue();
    assertThat(lease.lost()).isNotDone();
    assertThat(a.locks().holder("k").orElseThrow().fencingToken()).isEqualTo(lease.fencingToken());
  }

  @Test
  default void aLeaseSurvivesWhenTheAnswerToEveryRenewalIsLost() throws Exception {
    FakeProcess a = process("a");
    Lease lease = a.locks().acquire("k", options());
    a.store().failAlways(Operation.UPDATE, Fault.AFTER_APPLYING);

    time().advance(LEASE.multipliedBy(3));

    assertThat(lease.isValid()).isTrue();
    assertThat(lease.lost()).isNotDone();
  }

  @Test
  default void anAcquisitionWhoseAnswerWasLostIsAdopted() throws Exception {
    FakeProcess a = process("a");
    a.store().failNext(Operation.CREATE, Fault.AFTER_APPLYING);
    CompletableFuture<Lease> acquiring = a.locks().acquireAsync("k", options());

    time().advance(BACKOFF.max());

    assertThat(acquiring).isCompleted();
    Lease lease = acquiring.join();
    Entry record = store().get("k").orElseThrow();
    assertThat(lease.fencingToken()).isEqualTo(record.version());
    assertThat(lease.remaining()).isEqualTo(LEASE.minus(BACKOFF.max()));
    assertThat(a.store().requests(Operation.CREATE)).isEqualTo(2);
  }

  @Test
  default void aRecordOverwrittenByAnotherWriterIsReportedAsStolen() throws Exception {
    FakeProcess a = process("a");
    Lease lease = a.locks().acquire("k", options());
    store().put("k", "not a lock".getBytes(UTF_8));

    time().advance(LEASE.dividedBy(3));

    assertThat(lease.lost()).isCompletedWithValue(LossReason.STOLEN);
    assertThat(lease.isValid()).isFalse();
  }

  @Test
  default void aRecordThatVanishedIsReportedAsExpired() throws Exception {
    FakeProcess a = process("a");
    Lease lease = a.locks().acquire("k", options());
    store().delete("k");

    time().advance(LEASE.dividedBy(3));

    assertThat(lease.lost()).isCompletedWithValue(LossReason.EXPIRED);
  }

  @Test
  default void manualRenewalMovesTheDeadlineToALeaseAfterTheRequest() throws Exception {
    FakeProcess a = process("a");
    Lease lease = a.locks().acquire("k", options().manualRenewal());
    time().advance(LEASE.minusSeconds(1));
    assertThat(a.store().requests(Operation.UPDATE)).isZero();

    lease.renew();

    assertThat(a.store().requests(Operation.UPDATE)).isEqualTo(1);
    assertThat(lease.remaining()).isEqualTo(LEASE);
    time().advance(LEASE.minusNanos(1));
    assertThat(lease.isValid()).isTrue();
    time().advance(Duration.ofNanos(1));
    assertThat(lease.lost()).isCompletedWithValue(LossReason.EXPIRED);
  }

  @Test
  default void stopRenewalLetsTheLeaseRunOut() throws Exception {
    FakeProcess a = process("a");
    Lease lease = a.locks().acquire("k", options());
    time().advance(LEASE.dividedBy(3));
    lease.stopRenewal();

    time().advance(LEASE.minusNanos(1));
    assertThat(lease.isValid()).isTrue();
    time().advance(Duration.ofNanos(1));

    assertThat(lease.lost()).isCompletedWithValue(LossReason.EXPIRED);
    assertThat(a.store().requests(Operation.UPDATE)).isEqualTo(1);
  }

  @Test
  default void renewingALostLeaseThrowsWithTheReason() throws Exception {
    FakeProcess a = process("a");
    Lease lease = a.locks().acquire("k", options());
    lease.close();

    assertThatThrownBy(lease::renew).isInstanceOfSatisfying(LeaseLostException.class, e -> {
      assertThat(e.reason()).isEqualTo(LossReason.RELEASED);
      assertThat(e.name()).isEqualTo("k");
    });
  }

  @Test
  default void theLossSignalCannotBeCompletedByCallersAndKeepsTheFirstReason() throws Exception {
    FakeProcess a = process("a");
    Lease lease = a.locks().acquire("k", options().manualRenewal());

    lease.lost().complete(LossReason.RELEASED);
    lease.lost().cancel(true);
    assertThat(lease.lost()).isNotDone();
    assertThat(lease.isValid()).isTrue();

    time().advance(LEASE);
    lease.close();
    time().runDue();

    assertThat(lease.lost()).isCompletedWithValue(LossReason.EXPIRED);
  }
}
