package dev.leasehold.locks.testkit;

import static dev.leasehold.locks.testkit.ListenerLog.REVOKED;
import static dev.leasehold.locks.testkit.ListenerLog.electedWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leasehold.locks.LeaderElection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * At most one leader at a time, as every participant's {@link LeaderElection#isLeader()} tells it, while
 * leaders stall, crash, resign and lose the store, with clocks within the maximum skew; fencing tokens that
 * grow from term to term; listeners that hear every term begin and end, in order.
 */
public interface SingleLeaderContract extends RecipeFixture {

  @Test
  default void aStalledLeaderStopsLeadingAtItsRevocationPointThoughNothingRunsInItsProcess() {
    FakeProcess a = process("a");
    FakeProcess b = process("b");
    ListenerLog heardByAlpha = new ListenerLog();
    LeaderElection alpha = campaigning(a, "alpha", heardByAlpha);
    long alphasToken = alpha.fencingToken().orElseThrow();
    LeaderElection beta = campaigning(b, "beta", new ListenerLog());
    a.scheduler().pause();

    time().advance(LEASE.minus(MARGIN).minusNanos(1));
    assertThat(alpha.isLeader()).isTrue();
    time().advance(Duration.ofNanos(1));
    assertThat(alpha.isLeader()).isFalse();
    assertThat(heardByAlpha.events()).containsExactly(electedWith(alphasToken));

    // Beta takes over once it has seen the record unchanged for a full lease, when alpha's lease is over.
    time().advance(MARGIN.minusNanos(1));
    assertThat(beta.isLeader()).isFalse();
    time().advance(Duration.ofNanos(1));
    assertThat(beta.isLeader()).isTrue();
    assertThat(beta.fencingToken().orElseThrow()).isGreaterThan(alphasToken);

    a.scheduler().resume();
    time().runDue();
    assertThat(heardByAlpha.events()).containsExactly(electedWith(alphasToken), REVOKED);
    assertThat(alpha.isLeader()).isFalse();
    assertThat(beta.isLeader()).isTrue();
  }

  @Test
  default void oneLeaderAtATimeWhileLeadersCrashStallLoseTheStoreAndResign() {
    ElectionFuzz fuzz = new ElectionFuzz(this, System.nanoTime());

    fuzz.run(electionParticipants(), electionFuzzSteps());
    fuzz.finish();

    assertThat(fuzz.violations()).isEmpty();
    assertThat(fuzz.terms()).as("terms, " + fuzz.seed()).isGreaterThan(electionParticipants());
    assertThat(fuzz.listeners()).allSatisfy(heard -> assertThat(heard.alternates()).as(heard.toString()).isTrue());
    assertThat(fuzz.listenersOfLiveProcesses())
        .allSatisfy(heard -> assertThat(heard.events().size() % 2).as(heard.toString()).isZero());
  }
}
