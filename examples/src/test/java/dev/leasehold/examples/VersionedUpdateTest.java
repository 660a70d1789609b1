package dev.leasehold.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionedUpdateTest {

  @Test
  void contendedUpdatesLoseNothing() {
    ExampleRun run = ExampleRun.of("versioned-update", "--memory", "--threads", "6", "--updates", "40");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("final counter:      240 (expected 240): no update lost");
  }
}
