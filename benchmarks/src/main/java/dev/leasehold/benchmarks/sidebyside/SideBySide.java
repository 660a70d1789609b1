package dev.leasehold.benchmarks.sidebyside;

import dev.leasehold.kv.testkit.DynamoDbLocalServer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Leasehold side by side with the AWS DynamoDB lock client and ShedLock on one embedded DynamoDB Local
 * server, in one JVM run: store latency against hand-written SDK requests, uncontended lock cycles,
 * contended handoff, takeover of a crashed holder and renewal at scale. Prints a markdown report and, in the
 * full mode, writes it to {@code docs/benchmarks.md}.
 *
 * <pre>
 * java -jar benchmarks/target/leasehold-benchmarks.jar side-by-side [--quick] [--output FILE]
 * </pre>
 */
public final class SideBySide {
  /** Where the full mode writes its report, relative to the working directory (the repository root). */
  public static final Path DEFAULT_OUTPUT = Path.of("docs", "benchmarks.md");

  private static final String JAR = "java -jar benchmarks/target/leasehold-benchmarks.jar side-by-side";

  private final Settings settings;
  private final DynamoDbLocalServer server;
  /** What the running scenario opened; closed in reverse order when it ends. */
  private final List<AutoCloseable> resources = new ArrayList<>();

  private SideBySide(Settings settings, DynamoDbLocalServer server) {
    this.settings = settings;
    this.server = server;
  }

  /**
   * Runs the side-by-side from the command line.
   *
   * @param args {@code --quick} for the smoke run; {@code --output FILE} to write the report elsewhere (or, in
   *     the quick mode, at all)
   * @param out where the report and progress go
   * @return the process exit status: 0 on success, 2 on bad arguments
   * @throws Exception if a scenario fails
   */
  public static int run(List<String> args, PrintStream out) throws Exception {
    boolean quick = false;
    Path output = null;
    for (int i = 0; i < args.size(); i++) {
      switch (args.get(i)) {
        case "--quick" -> quick = true;
        case "--output" -> {
          if (i + 1 == args.size()) {
            return usage(out, "--output needs a file");
          }
          output = Path.of(args.get(++i));
        }
        default -> {
          return usage(out, "unknown argument: " + args.get(i));
        }
      }
    }
    if (output == null && !quick) {
      output = DEFAULT_OUTPUT;
    }
    Settings settings = quick ? Settings.quick() : Settings.full();
    String command = args.isEmpty() ? JAR : JAR + " " + String.join(" ", args);

    long startedAt = System.nanoTime();
    Environment environment = Environment.capture();
    List<Section> sections;
    try (DynamoDbLocalServer server = DynamoDbLocalServer.start()) {
      sections = new SideBySide(settings, server).sections(out);
    }
    Report report = new Report(environment, settings, command,
        Duration.ofNanos(System.nanoTime() - startedAt), Environment.load(), sections);
    String markdown = report.markdown();
    out.println();
    out.print(markdown);
    if (output != null) {
      if (output.toAbsolutePath().getParent() != null) {
        Files.createDirectories(output.toAbsolutePath().getParent());
      }
      Files.writeString(output, markdown);
      out.println("Written to " + output);
    }
    return 0;
  }

  private static int usage(PrintStream out, String problem) {
    out.println(problem);
    out.println("usage: " + JAR + " [--quick] [--output FILE]");
    return 2;
  }

  private List<Section> sections(PrintStream out) throws Exception {
    try (DynamoDbClient setup = server.newClient()) {
      LeaseholdLocks.createTable(setup);
      AwsLockClientLocks.createTable(setup);
      ShedLockLocks.createTable(setup);
    }
    List<Library> waitingLibraries = List.of(new Library("Leasehold", this::leasehold),
        new Library("AWS lock client", this::aws));
    List<Section> sections = new ArrayList<>();
    out.println("(a) store operations against hand-written SDK requests...");
    sections.add(closingClientsAfter(this::storeLatency));
    out.println("(b) uncontended acquire + release...");
    sections.add(closingClientsAfter(() -> new UncontendedCycles(settings).run(List.of(
        contender("Leasehold", client -> leasehold(client, "cycles")),
        contender("AWS lock client", client -> aws(client, "cycles")),
        contender("ShedLock", client -> new ShedLockLocks(client, settings.lease()))))));
    out.println("(c) contended handoff...");
    sections.add(closingClientsAfter(() -> new Handoff(settings).run(List.of(
        team("Leasehold, " + Handoff.WORKERS + " processes", false, this::leasehold),
        team("Leasehold, " + Handoff.WORKERS + " threads of one LockClient", true, this::leasehold),
        team("AWS lock client, " + Handoff.WORKERS + " processes", false, this::aws)))));
    out.println("(d) takeover of a crashed holder...");
    sections.add(new Takeover(settings, server).run(waitingLibraries));
    out.println("(e) renewal at scale...");
    sections.add(new RenewalAtScale(settings, server).run(waitingLibraries));
    return sections;
  }

  /** Runs a scenario, then closes the clients it registered, so that none of their threads outlive it. */
  private Section closingClientsAfter(Callable<Section> scenario) throws Exception {
    try {
      return scenario.call();
    } finally {
      Collections.reverse(resources);
      for (AutoCloseable resource : resources) {
        resource.close();
      }
      resources.clear();
    }
  }

  private Section storeLatency() {
    RequestCounter rawRequests = new RequestCounter();
    RequestCounter storeRequests = new RequestCounter();
    return new StoreLatency(settings, client(rawRequests), rawRequests, client(storeRequests), storeRequests).run();
  }

  private LockService leasehold(DynamoDbClient client, String owner) {
    return new LeaseholdLocks(client, settings.lease(), owner);
  }

  private LockService aws(DynamoDbClient client, String owner) {
    return new AwsLockClientLocks(client, settings.lease(), settings.renewalPeriod(), owner);
  }

  /** A library with a DynamoDB client and a lock client of its own. */
  private Contender contender(String name, Function<DynamoDbClient, LockService> open) {
    RequestCounter requests = new RequestCounter();
    return new Contender(name, register(open.apply(client(requests))), requests);
  }

  /** A library's workers on one DynamoDB client: each a lock client of its own, or all sharing one. */
  private Handoff.Team team(String name, boolean oneProcess,
      BiFunction<DynamoDbClient, String, LockService> open) {
    RequestCounter requests = new RequestCounter();
    DynamoDbClient client = client(requests);
    List<LockService> workers = new ArrayList<>();
    LockService shared = oneProcess ? register(open.apply(client, "worker")) : null;
    for (int i = 0; i < Handoff.WORKERS; i++) {
      workers.add(oneProcess ? shared : register(open.apply(client, "worker-" + i)));
    }
    return new Handoff.Team(name, workers, requests);
  }

  private DynamoDbClient client(RequestCounter requests) {
    return register(server.newClient(requests));
  }

  private <T extends AutoCloseable> T register(T resource) {
    resources.add(resource);
    return resource;
  }
}
