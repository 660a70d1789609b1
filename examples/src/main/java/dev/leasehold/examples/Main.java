package dev.leasehold.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The examples' command line: one subcommand per example. */
@Command(name = "leasehold-examples", mixinStandardHelpOptions = true, version = "Leasehold examples 0.1",
    description = "Runnable Leasehold examples. Each runs on an embedded DynamoDB Local unless told otherwise.",
    subcommands = {CompetingConsumers.class, LeaderElectionExample.class, BankTransfer.class,
        VersionedUpdate.class})
public final class Main {
  Main() {}

  /**
   * Runs a subcommand and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    int status = new CommandLine(new Main()).execute(args);
    // DynamoDB Local leaves non-daemon threads behind, so the JVM must be told to end.
    System.exit(status);
  }
}
