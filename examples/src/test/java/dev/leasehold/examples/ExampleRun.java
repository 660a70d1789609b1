package dev.leasehold.examples;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the examples' command line in-process, as {@code java -jar} would, and keeps what it printed. */
record ExampleRun(int exitCode, String output) {

  static ExampleRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exitCode = cli.execute(args);
    return new ExampleRun(exitCode, out + err.toString());
  }
}
