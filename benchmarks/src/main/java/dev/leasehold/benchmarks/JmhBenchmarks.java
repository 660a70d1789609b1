package dev.leasehold.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks with 1 and then 2 threads, and prints one summary of both. Given {@code -t}, or any
 * option that does not run benchmarks (such as {@code -h} or {@code -l}), it hands over to JMH unchanged.
 */
final class JmhBenchmarks {
  private static final List<Integer> THREADS = List.of(1, 2);

  private JmhBenchmarks() {}

  static int run(List<String> args) throws Exception {
    CommandLineOptions options;
    try {
      options = new CommandLineOptions(args.toArray(String[]::new));
    } catch (CommandLineOptionException e) {
      System.err.println("Error parsing command line: " + e.getMessage());
      return 2;
    }
    if (options.getThreads().hasValue() || options.shouldHelp() || options.shouldList()
        || options.shouldListWithParams() || options.shouldListProfilers() || options.shouldListResultFormats()) {
      org.openjdk.jmh.Main.main(args.toArray(String[]::new));
      return 0;
    }
    List<RunResult> results = new ArrayList<>();
    for (int threads : THREADS) {
      results.addAll(new Runner(new OptionsBuilder().parent(options).threads(threads).build()).run());
    }
    System.out.println();
    System.out.println("Summary, by thread count:");
    print(results);
    return 0;
  }

  private static void print(Collection<RunResult> results) {
    System.out.printf(Locale.ROOT, "%-50s %7s %14s %12s  %s%n", "benchmark", "threads", "score", "error", "unit");
    for (RunResult result : results) {
      System.out.printf(Locale.ROOT, "%-50s %7d %14.3f %12.3f  %s%n",
          result.getParams().getBenchmark().replace("dev.leasehold.benchmarks.", ""),
          result.getParams().getThreads(),
          result.getPrimaryResult().getScore(),
          result.getPrimaryResult().getScoreError(),
          result.getPrimaryResult().getScoreUnit());
    }
  }
}
