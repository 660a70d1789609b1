package dev.leasehold.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeaderElectionExampleTest {

  @Test
  void killedLeadersAreSucceededAndThereIsNeverMoreThanOneLeader() {
    ExampleRun run = ExampleRun.of("leader-election", "--memory", "--participants", "4", "--kills", "2",
        "--lease-ms", "200");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .containsPattern("failover after a crash: +\\d+, \\d+ ms")
        .contains("at most one leader at once: yes")
        .contains("fencing tokens increasing:  yes");
  }

  @Test
  void needsASurvivorForEveryKillAndASuccessor() {
    ExampleRun run = ExampleRun.of("leader-election", "--memory", "--participants", "3", "--kills", "2");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains("--participants must be at least 4");
  }
}
