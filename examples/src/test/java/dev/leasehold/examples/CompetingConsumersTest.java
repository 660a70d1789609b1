package dev.leasehold.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompetingConsumersTest {

  @Test
  void everyJobIsDoneExactlyOnceDespiteCrashesAndStalls() {
    ExampleRun run = ExampleRun.of("competing-consumers", "--memory", "--jobs", "60", "--workers", "4",
        "--work-ms", "1", "--crash-rate", "0.2", "--pause-rate", "0.2", "--lease-ms", "100");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("jobs done:              60 of 60")
        .contains("jobs processed twice:   0")
        .contains("OK: every job done exactly once");
  }

  @Test
  void runsOnTheEmbeddedDynamoDbByDefaultAndCountsRequests() {
    ExampleRun run = ExampleRun.of("competing-consumers",
        "--jobs", "20", "--workers", "3", "--work-ms", "1", "--crash-rate", "0", "--pause-rate", "0");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("embedded DynamoDB Local")
        .contains("jobs processed twice:   0")
        .containsPattern("requests: +\\d+, \\d+\\.\\d\\d per job \\(");
  }

  @Test
  void workOnOneJobUnderTwoValidClaimsAtOnceCountsAsProcessedTwice() {
    Consumer.Tally tally = new Consumer.Tally();
    tally.workedUnderValidClaim("handed-over", 0, 10);
    tally.workedUnderValidClaim("handed-over", 10, 20);
    tally.workedUnderValidClaim("overlapping", 20, 30);
    tally.workedUnderValidClaim("overlapping", 0, 21);

    assertThat(tally.jobsProcessedTwice()).isEqualTo(1);
  }

  @Test
  void aCrashRateOfOneIsRejectedBecauseNoWorkerWouldFinish() {
    ExampleRun run = ExampleRun.of("competing-consumers", "--memory", "--crash-rate", "1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains("--crash-rate must be below 1");
  }

  @Test
  void rejectsNonsenseOptionsWithUsage() {
    ExampleRun run = ExampleRun.of("competing-consumers", "--memory", "--crash-rate", "1.5");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains("--crash-rate must be between 0 and 1").contains("Usage:");
  }
}
