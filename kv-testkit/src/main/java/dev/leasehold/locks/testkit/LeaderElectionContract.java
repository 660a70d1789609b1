package dev.leasehold.locks.testkit;

import static dev.leasehold.locks.testkit.ListenerLog.REVOKED;
import static dev.leasehold.locks.testkit.ListenerLog.electedWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leasehold.kv.InvalidKeyException;
import dev.leasehold.kv.testkit.FaultyStore;
import dev.leasehold.kv.testkit.FaultyStore.Fault;
import dev.leasehold.kv.testkit.FaultyStore.Operation;
import dev.leasehold.locks.LeaderElection;
import dev.leasehold.locks.LockClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A participant's life in an election: campaigning, being elected with one request, naming the leader,
 * resigning at once, revocation at the revocation point when renewals fail and at once when the lease is
 * lost, campaigning again, waiting for leadership, listener calls in order and off the renewal thread, and
 * bad input rejected before any request.
 */
public interface LeaderElectionContract extends RecipeFixture {

  @Test
  default void aSoleParticipantIsElectedWithOneRequestAndHoldsTheLocksFencingToken() {
    FakeProcess a = process("a");
    ListenerLog heard = new ListenerLog();
    LeaderElection alpha = participant(a, "alpha", heard);

    alpha.start();
    assertThat(alpha.isLeader()).isFalse();
    time().runDue();

    assertThat(a.store().requests()).isEqualTo(1);
    assertThat(a.store().requests(Operation.CREATE)).isEqualTo(1);
    assertThat(alpha.isLeader()).isTrue();
    long token = alpha.fencingToken().orElseThrow();
    assertThat(heard.events()).containsExactly(electedWith(token));
    assertThat(store().get(ELECTION).orElseThrow().version()).isEqualTo(token);
  }

  @Test
  default void leaderNamesTheParticipantFromTheLockRecordAndDefaultsToTheOwner() {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    LeaderElection beta = participant(b, "beta", new ListenerLog());
    assertThat(beta.leader()).isEmpty();

    LeaderElection alpha = campaigning(a, "alpha", new ListenerLog());
    beta.start();
    time().advance(LEASE);

    assertThat(alpha.leader()).contains("alpha");
    assertThat(beta.leader()).contains("alpha");
    assertThat(beta.isLeader()).isFalse();
    assertThat(beta.fencingToken()).isEmpty();
    assertThat(LeaderElection.builder(b.locks(), ELECTION).build().participantId()).isEqualTo("b");
  }

  @Test
  default void aResigningLeaderHandsOverWithoutWaitingForItsLeaseToExpire() {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    ListenerLog heardByAlpha = new ListenerLog();
    LeaderElection alpha = campaigning(a, "alpha", heardByAlpha);
    long alphasToken = alpha.fencingToken().orElseThrow();
    LeaderElection beta = campaigning(b, "beta", new ListenerLog());
    time().advance(LEASE);

    alpha.close();
    assertThat(alpha.isLeader()).isFalse();
    assertThat(store().get(ELECTION)).isEmpty();
    time().advance(BACKOFF.max());

    assertThat(beta.isLeader()).isTrue();
    assertThat(beta.fencingToken().orElseThrow()).isGreaterThan(alphasToken);
    assertThat(heardByAlpha.events()).containsExactly(electedWith(alphasToken), REVOKED);
  }

  @Test
  default void aResigningLeaderWakesASuccessorInTheSameClientAtOnce() {
    FakeProcess a = process("a");
    LeaderElection alpha = campaigning(a, "alpha", new ListenerLog());
    LeaderElection beta = campaigning(a, "beta", new ListenerLog());
    time().advance(LEASE);

    alpha.close();
    time().runDue();

    assertThat(beta.isLeader()).isTrue();
    assertThat(beta.leader()).contains("beta");
  }

  @Test
  default void aLeaderWhoseRenewalsFailIsRevokedAtItsRevocationPointWhileItsLeaseIsStillValid() {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    ListenerLog heardByAlpha = new ListenerLog();
    LeaderElection alpha = campaigning(a, "alpha", heardByAlpha);
    long alphasToken = alpha.fencingToken().orElseThrow();
    LeaderElection beta = campaigning(b, "beta", new ListenerLog());
    a.store().failAlways(Operation.UPDATE, Fault.BEFORE_APPLYING);

    time().advance(LEASE.minus(MARGIN).minusNanos(1));
    assertThat(alpha.isLeader()).isTrue();
    assertThat(heardByAlpha.events()).containsExactly(electedWith(alphasToken));
    time().advance(Duration.ofNanos(1));

    // A margin before the lease's local deadline, and its record was released for the successor.
    assertThat(alpha.isLeader()).isFalse();
    assertThat(heardByAlpha.events()).containsExactly(electedWith(alphasToken), REVOKED);
    assertThat(store().get(ELECTION)).isEmpty();
    time().advance(BACKOFF.max());
    assertThat(beta.isLeader()).isTrue();
    assertThat(beta.fencingToken().orElseThrow()).isGreaterThan(alphasToken);
    assertThat(alpha.isLeader()).isFalse();
  }

  @Test
  default void aLeaderThatFindsItsLeaseTakenOverIsRevokedAtOnce() {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    ListenerLog heardByAlpha = new ListenerLog();
    LeaderElection alpha = campaigning(a, "alpha", heardByAlpha);
    long alphasToken = alpha.fencingToken().orElseThrow();
    // The store's clock jumps beyond the maximum skew: the record expires while alpha's ticker stands still.
    time().clock().advance(LEASE.plus(SKEW));
    LeaderElection beta = campaigning(b, "beta", new ListenerLog());
    assertThat(beta.isLeader()).isTrue();

    time().advance(LEASE.dividedBy(3));

    assertThat(alpha.isLeader()).isFalse();
    assertThat(heardByAlpha.events()).containsExactly(electedWith(alphasToken), REVOKED);
    assertThat(beta.isLeader()).isTrue();
    assertThat(beta.fencingToken().orElseThrow()).isGreaterThan(alphasToken);
  }

  @Test
  default void aRevokedLeaderKeepsCampaigningAndIsElectedAgainWithALargerToken() {
    FakeProcess a = process("a");
    ListenerLog heard = new ListenerLog();
    LeaderElection alpha = campaigning(a, "alpha", heard);
    long firstToken = alpha.fencingToken().orElseThrow();
    a.store().failAlways(Operation.UPDATE, Fault.BEFORE_APPLYING);
    time().advance(LEASE.minus(MARGIN));
    assertThat(alpha.isLeader()).isFalse();

    a.store().heal();
    time().advance(BACKOFF.max());

    assertThat(alpha.isLeader()).isTrue();
    long secondToken = alpha.fencingToken().orElseThrow();
    assertThat(secondToken).isGreaterThan(firstToken);
    assertThat(heard.events()).containsExactly(electedWith(firstToken), REVOKED, electedWith(secondToken));
  }

  @Test
  default void aLeaderKeepsItsTermWhileItsRenewalsSucceed() {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    ListenerLog heard = new ListenerLog();
    LeaderElection alpha = campaigning(a, "alpha", heard);
    long token = alpha.fencingToken().orElseThrow();
    LeaderElection beta = campaigning(b, "beta", new ListenerLog());
    a.store().failNext(Operation.UPDATE, Fault.AFTER_APPLYING, 2);

    time().advance(LEASE.multipliedBy(5));

    assertThat(alpha.fencingToken()).hasValue(token);
    assertThat(beta.isLeader()).isFalse();
    assertThat(heard.events()).containsExactly(electedWith(token));
  }

  @Test
  default void closingWhileCampaigningStopsEveryRequestAndNeverCallsTheListener() {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    ListenerLog heardByBeta = new ListenerLog();
    LeaderElection alpha = campaigning(a, "alpha", new ListenerLog());
    LeaderElection beta = campaigning(b, "beta", heardByBeta);
    time().advance(LEASE);

    beta.close();
    time().runDue();
    long requests = b.store().requests();
    alpha.close();
    time().advance(LEASE.multipliedBy(2));

    assertThat(beta.isLeader()).isFalse();
    assertThat(heardByBeta.events()).isEmpty();
    assertThat(b.store().requests()).isEqualTo(requests);
    assertThat(b.scheduler().pendingTasks()).isZero();
    assertThat(store().get(ELECTION)).isEmpty();
  }

  @Test
  default void closingInsideTheElectedCallbackRevokesAfterTheCallbackReturns() {
    FakeProcess a = process("a");
    AtomicReference<LeaderElection> self = new AtomicReference<>();
    AtomicReference<Boolean> leaderDuringCallback = new AtomicReference<>();
    ListenerLog heard = new ListenerLog() {
      @Override
      public void elected(long fencingToken) {
        super.elected(fencingToken);
        self.get().close();
        leaderDuringCallback.set(self.get().isLeader());
      }
    };
    LeaderElection alpha = participant(a, "alpha", heard);
    self.set(alpha);

    alpha.start();
    time().runDue();

    assertThat(leaderDuringCallback.get()).isFalse();
    assertThat(heard.events()).hasSize(2).endsWith(REVOKED);
    assertThat(alpha.isLeader()).isFalse();
    assertThat(store().get(ELECTION)).isEmpty();
  }

  @Test
  default void awaitReturnsOnceElected() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    LeaderElection alpha = campaigning(a, "alpha", new ListenerLog());
    LeaderElection beta = campaigning(b, "beta", new ListenerLog());
    BlockedCall<Boolean> timed = BlockedCall.blockedIn("timed await", () -> beta.await(Duration.ofDays(1)));
    BlockedCall<Boolean> untimed = BlockedCall.blockedIn("untimed await", () -> {
      beta.await();
      return beta.isLeader();
    });

    alpha.close();
    time().advance(BACKOFF.max());

    assertThat(timed.outcome().get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(untimed.outcome().get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(beta.await(Duration.ZERO)).isTrue();
  }

  @Test
  default void aTimedAwaitGivesUpOnTheLockClientsTicker() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    LeaderElection alpha = campaigning(a, "alpha", new ListenerLog());
    LeaderElection beta = campaigning(b, "beta", new ListenerLog());
    // Far longer than the test may take in real time: only the fake ticker can end this wait.
    BlockedCall<Boolean> timed = BlockedCall.blockedIn("timed await", () -> beta.await(Duration.ofHours(1)));

    time().advance(Duration.ofHours(1).minusNanos(1));
    assertThat(timed.outcome()).isNotDone();
    time().advance(Duration.ofNanos(1));

    assertThat(timed.outcome().get(30, TimeUnit.SECONDS)).isFalse();
    assertThat(alpha.isLeader()).isTrue();
  }

  @Test
  default void awaitIsInterruptible() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    campaigning(a, "alpha", new ListenerLog());
    LeaderElection beta = campaigning(b, "beta", new ListenerLog());
    BlockedCall<Void> untimed = BlockedCall.blockedIn("untimed await", () -> {
      beta.await();
      return null;
    });
    BlockedCall<Boolean> timed = BlockedCall.blockedIn("timed await", () -> beta.await(Duration.ofDays(1)));

    untimed.interrupt();
    timed.interrupt();

    assertThat(untimed.outcome()).failsWithin(30, TimeUnit.SECONDS).withThrowableThat()
        .havingCause().isInstanceOf(InterruptedException.class);
    assertThat(timed.outcome()).failsWithin(30, TimeUnit.SECONDS).withThrowableThat()
        .havingCause().isInstanceOf(InterruptedException.class);
  }

  @Test
  default void awaitEndsWhenTheElectionIsClosed() throws Exception {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    campaigning(a, "alpha", new ListenerLog());
    LeaderElection beta = campaigning(b, "beta", new ListenerLog());
    BlockedCall<Void> untimed = BlockedCall.blockedIn("untimed await", () -> {
      beta.await();
      return null;
    });
    BlockedCall<Boolean> timed = BlockedCall.blockedIn("timed await", () -> beta.await(Duration.ofDays(1)));

    beta.close();

    assertThat(untimed.outcome()).failsWithin(30, TimeUnit.SECONDS).withThrowableThat()
        .havingCause().isInstanceOf(IllegalStateException.class).withMessageContaining("closed");
    assertThat(timed.outcome().get(30, TimeUnit.SECONDS)).isFalse();
    assertThat(beta.await(Duration.ofDays(1))).isFalse();
  }

  @Test
  default void anElectionStartsOnceAndMustBeStartedToBeAwaited() {
    FakeProcess a = process("a");
    LeaderElection alpha = participant(a, "alpha", new ListenerLog());

    assertThatThrownBy(alpha::await).isInstanceOf(IllegalStateException.class).hasMessageContaining("not been started");
    assertThatThrownBy(() -> alpha.await(Duration.ZERO)).isInstanceOf(IllegalStateException.class);
    alpha.start();
    assertThatThrownBy(alpha::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("started");
    alpha.close();
    assertThatThrownBy(alpha::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  default void closingTheLockClientClosesItsElections() {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    ListenerLog heardByAlpha = new ListenerLog();
    LeaderElection alpha = campaigning(a, "alpha", heardByAlpha);
    LeaderElection beta = campaigning(b, "beta", new ListenerLog());

    a.locks().close();
    b.locks().close();
    time().advance(LEASE);

    assertThat(alpha.isLeader()).isFalse();
    assertThat(heardByAlpha.events()).hasSize(2).endsWith(REVOKED);
    assertThat(store().get(ELECTION)).isEmpty();
    assertThat(b.scheduler().pendingTasks()).isZero();
    assertThatThrownBy(participant(a, "again", new ListenerLog())::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  default void invalidElectionSettingsAreRejectedBeforeAnyRequest() {
    FakeProcess a = process("a");
    LockClient locks = a.locks();

    assertThatThrownBy(() -> LeaderElection.builder(locks, "")).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> LeaderElection.builder(null, ELECTION)).isInstanceOf(NullPointerException.class);
    LeaderElection.Builder builder = LeaderElection.builder(locks, ELECTION);
    assertThatThrownBy(() -> builder.participantId(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.participantId("p".repeat(LockClient.MAX_OWNER_LENGTH + 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("participantId");
    assertThatThrownBy(() -> builder.leaseLength(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.revocationMargin(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.maxClockSkew(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.listener(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.listenerExecutor(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.leaseLength(LEASE).revocationMargin(LEASE.dividedBy(2).plusNanos(1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("half the lease");
    assertThatThrownBy(() -> builder.build().await(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(builder.revocationMargin(LEASE.dividedBy(2)).build().name()).isEqualTo(ELECTION);

    assertThat(a.store().requests()).isZero();
  }

  @Test
  default void listenersRunInOrderOnTheListenerExecutorNeverOnTheRenewalThread() throws Exception {
    FaultyStore store = FaultyStore.wrap(realTimeStore());
    ExecutorService listenerThread = Executors.newSingleThreadExecutor(task -> new Thread(task, "election-listener"));
    closeAfterTest(listenerThread::shutdownNow);
    LockClient locks = closeAfterTest(LockClient.builder(store).owner("a").build());
    ListenerLog heard = new ListenerLog();
    LeaderElection alpha = closeAfterTest(LeaderElection.builder(locks, ELECTION)
        .leaseLength(Duration.ofMillis(300))
        .listener(heard)
        .listenerExecutor(listenerThread)
        .build());
    alpha.start();
    assertThat(alpha.await(Duration.ofSeconds(30))).isTrue();

    // Renewals fail: the revocation point is found on the renewal scheduler's thread.
    store.failAlways(Operation.UPDATE, Fault.BEFORE_APPLYING);
    Await.until("the revocation", Duration.ofSeconds(30), () -> heard.events().contains(REVOKED));
    alpha.close();

    assertThat(heard.alternates()).isTrue();
    assertThat(heard.threads()).containsExactly("election-listener");
  }
}
