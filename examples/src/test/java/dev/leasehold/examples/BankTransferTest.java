package dev.leasehold.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BankTransferTest {

  @Test
  void concurrentTransfersPreserveTheTotalBalance() {
    ExampleRun run = ExampleRun.of("bank-transfer", "--memory", "--accounts", "4", "--threads", "6",
        "--transfers", "300");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("total balance:          4000 before, 4000 after: preserved")
        .containsPattern("transfers committed: +(\\d+), counted by the store in the same commits: \\1\\n");
  }

  @Test
  void moreAccountsThanOneCommitHoldsAreRejected() {
    ExampleRun run = ExampleRun.of("bank-transfer", "--memory", "--accounts", "101");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains("--accounts must be at most 100");
  }
}
