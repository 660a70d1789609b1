package dev.leasehold.locks.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leasehold.kv.Store;
import dev.leasehold.kv.testkit.FaultyStore.Fault;
import dev.leasehold.kv.testkit.FaultyStore.Operation;
import dev.leasehold.locks.Lease;
import dev.leasehold.locks.LockClient;
import dev.leasehold.locks.LockOptions;
import dev.leasehold.locks.LossReason;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Releasing: one compare-and-delete of the holder's own record, idempotent, never removing a successor's
 * record, completing writes whose answers were lost, retried while the store is unreachable, and signalling
 * loss off the threads that renew leases.
 */
public interface ReleaseContract extends LockFixture {

  @Test
  default void releasingCostsOneRequestAndFreesTheLock() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    Lease lease = a.locks().acquire("k", options());
    long requests = a.store().requests();

    lease.close();
    time().runDue();

    assertThat(a.store().requests() - requests).isEqualTo(1);
    assertThat(a.store().requests(Operation.COMPARE_AND_DELETE)).isEqualTo(1);
    assertThat(lease.isValid()).isFalse();
    assertThat(lease.lost()).isCompletedWithValue(LossReason.RELEASED);
    assertThat(store().get("k")).isEmpty();
    assertThat(b.locks().tryAcquire("k", options()).acquired()).isTrue();
  }

  @Test
  default void releasingIsIdempotent() throws Exception {
    FakeProcess a = process("a");
    Lease lease = a.locks().acquire("k", options());

    lease.close();
    lease.close();
    time().advance(LEASE);
    lease.close();

    assertThat(a.store().requests(Operation.COMPARE_AND_DELETE)).isEqualTo(1);
    assertThat(lease.lost()).isCompletedWithValue(LossReason.RELEASED);
  }

  @Test
  default void releasingNeverRemovesASuccessorsRecord() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    Lease stale = a.locks().acquire("k", options());
    // The store's clock jumps beyond the maximum skew, so B takes the lock while A's lease looks valid to A.
    time().clock().advance(LEASE.plus(SKEW));
    Lease successor = b.locks().acquire("k", options());

    stale.close();
    time().runDue();

    assertThat(a.store().requests(Operation.COMPARE_AND_DELETE)).isEqualTo(1);
    assertThat(stale.lost()).isCompletedWithValue(LossReason.STOLEN);
    assertThat(successor.isValid()).isTrue();
    assertThat(b.locks().holder("k").orElseThrow().fencingToken()).isEqualTo(successor.fencingToken());
  }

  @Test
  default void releasingAfterARenewalWhoseAnswerWasLostRemovesTheRenewedRecord() throws Exception {
    FakeProcess a = process("a");
    Lease lease = a.locks().acquire("k", options());
    a.store().failNext(Operation.UPDATE, Fault.AFTER_APPLYING);
    time().advance(LEASE.dividedBy(3));

    lease.close();
    time().runDue();

    assertThat(store().get("k")).isEmpty();
    assertThat(lease.lost()).isCompletedWithValue(LossReason.RELEASED);
  }

  @Test
  default void releasingIsRetriedWhileTheStoreIsUnreachable() throws Exception {
    FakeProcess a = process("a");
    Lease lease = a.locks().acquire("k", options());
    a.store().failNext(Operation.COMPARE_AND_DELETE, Fault.BEFORE_APPLYING, 2);

    lease.close();
    assertThat(lease.isValid()).isFalse();
    assertThat(store().get("k")).isPresent();
    time().advance(BACKOFF.max().multipliedBy(2));

    assertThat(store().get("k")).isEmpty();
    assertThat(a.store().requests(Operation.COMPARE_AND_DELETE)).isEqualTo(3);
    assertThat(lease.lost()).isCompletedWithValue(LossReason.RELEASED);
  }

  @Test
  default void lossListenersRunOnTheCallbackExecutorNeverOnTheRenewalThread() throws Exception {
    Store store = realTimeStore();
    ExecutorService callbacks = Executors.newSingleThreadExecutor(task -> new Thread(task, "lock-callbacks"));
    closeAfterTest(callbacks::shutdownNow);
    LockClient locks = closeAfterTest(LockClient.builder(store).owner("a").callbackExecutor(callbacks).build());
    Lease lease = locks.acquire("k", LockOptions.lease(Duration.ofMillis(300)));
    CompletableFuture<String> listenerThread = lease.lost().thenApply(reason -> Thread.currentThread().getName());

    // The renewal finds another writer's value: the loss is detected on the renewal thread.
    store.put("k", "not a lock".getBytes(UTF_8));

    assertThat(listenerThread.get(30, TimeUnit.SECONDS)).isEqualTo("lock-callbacks");
  }
}
