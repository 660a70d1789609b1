package dev.leasehold.benchmarks.sidebyside;

import java.time.Duration;
import java.util.List;

/**
 * How much the side-by-side measures. The quick mode is a smoke run of every row; its numbers are rough.
 *
 * @param name "full" or "quick"
 * @param lease the lease length every library is configured with (AWS lock client: lease duration; ShedLock:
 *     lockAtMostFor); renewals and heartbeats come every third of it
 * @param latencyWarmupRounds rounds of store operations discarded before measuring
 * @param latencyRounds rounds of store operations measured
 * @param callsPerRound calls of each side of one store operation per round
 * @param cycleRounds rounds of acquire+release cycles measured, after one warm-up round
 * @param cyclesPerRound acquire+release cycles per library per round
 * @param handoffRounds rounds of the contended handoff per contender
 * @param handoffRound how long one round of the contended handoff lasts
 * @param takeoverTrials trials per library and scenario of the takeover of a crashed holder
 * @param scaleLeases the numbers of leases one client holds in the renewal-at-scale runs
 * @param scaleWindow how long renewals are counted at each scale
 */
record Settings(String name, Duration lease, int latencyWarmupRounds, int latencyRounds, int callsPerRound,
    int cycleRounds, int cyclesPerRound, int handoffRounds, Duration handoffRound,
    int takeoverTrials, List<Integer> scaleLeases, Duration scaleWindow) {

  Settings {
    scaleLeases = List.copyOf(scaleLeases);
  }

  /** Five to six minutes on two cores: the run docs/benchmarks.md reports. */
  static Settings full() {
    return new Settings("full", Duration.ofSeconds(10), 2, 8, 100, 8, 150, 4, Duration.ofSeconds(10), 5,
        List.of(100, 1000), Duration.ofSeconds(10));
  }

  /** Under two minutes: every row, with few samples and two-second leases. */
  static Settings quick() {
    return new Settings("quick", Duration.ofSeconds(2), 1, 3, 100, 3, 100, 1, Duration.ofSeconds(6), 2,
        List.of(100), Duration.ofSeconds(4));
  }

  /** The renewal and heartbeat period: a third of the lease, as Leasehold renews. */
  Duration renewalPeriod() {
    return lease.dividedBy(3);
  }
}
