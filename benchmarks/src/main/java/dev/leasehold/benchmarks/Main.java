package dev.leasehold.benchmarks;

import dev.leasehold.benchmarks.sidebyside.SideBySide;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmarks jar's entry point: {@code jmh} runs the JMH benchmarks, {@code side-by-side} the comparison
 * with the peer libraries on DynamoDB Local.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the chosen program and exits with its status.
   *
   * @param args the program's name, then its arguments
   * @throws Exception if the program fails
   */
  public static void main(String[] args) throws Exception {
    List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
    int status = switch (args.length == 0 ? "" : args[0]) {
      case "jmh" -> JmhBenchmarks.run(rest);
      case "side-by-side" -> SideBySide.run(rest, System.out);
      default -> {
        System.out.println("usage: java -jar leasehold-benchmarks.jar jmh [JMH options]");
        System.out.println("       java -jar leasehold-benchmarks.jar side-by-side [--quick] [--output FILE]");
        System.out.println();
        System.out.println("jmh           the in-memory backend and LockClient against a ConcurrentHashMap baseline,");
        System.out.println("              with 1 and then 2 threads unless -t is given; -h lists JMH's options");
        System.out.println("side-by-side  Leasehold, the AWS DynamoDB lock client and ShedLock on an embedded");
        System.out.println("              DynamoDB Local; writes " + SideBySide.DEFAULT_OUTPUT + " unless --quick");
        yield 2;
      }
    };
    // DynamoDB Local leaves non-daemon threads behind, so the JVM must be told to end.
    System.exit(status);
  }
}
