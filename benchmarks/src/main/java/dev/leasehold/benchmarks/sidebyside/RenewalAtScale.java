package dev.leasehold.benchmarks.sidebyside;

import dev.leasehold.benchmarks.sidebyside.LockService.HeldLock;
import dev.leasehold.kv.testkit.DynamoDbLocalServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * (e) Renewal at scale: one lock client holds many leases for a while; how many threads it started, how many
 * renewal requests per second it sends, and whether every lease survived.
 */
final class RenewalAtScale {
  /**
   * Threads that are not the lock client's: DynamoDB Local's Jetty pool (the server side), and the JDK's one
   * HTTP keep-alive timer, which comes and goes with idle connections of the SDK's URLConnection client.
   */
  private static final List<String> OTHERS = List.of("qtp", "Keep-Alive-Timer");

  private final Settings settings;
  private final DynamoDbLocalServer server;

  RenewalAtScale(Settings settings, DynamoDbLocalServer server) {
    this.settings = settings;
    this.server = server;
  }

  Section run(List<Library> libraries) throws InterruptedException {
    Table table = new Table("library", "leases held", "threads the lock client started",
        "renewal requests/s (expected)", "leases lost");
    for (int leases : settings.scaleLeases()) {
      for (Library library : libraries) {
        table.row(measure(library, leases));
      }
    }
    return new Section("(e) Renewal at scale",
        String.format(Locale.ROOT, "One lock client per library acquires the leases one after another, then "
            + "holds them for %d s while its requests are counted. Lease %d s; both libraries renew every "
            + "third of it, so the expected rate is leases ÷ %.1f s. Threads are those alive at the end that "
            + "did not exist before the lock client was created (DynamoDB Local's server threads and the JDK's "
            + "HTTP keep-alive timer excluded), named with digits replaced by N.",
            settings.scaleWindow().toSeconds(), settings.lease().toSeconds(),
            settings.renewalPeriod().toMillis() / 1e3),
        table, List.of("Leasehold renews each lease on its own schedule on a shared pool of threads. The AWS lock "
            + "client heartbeats all its locks one after another on its one thread, then sleeps for the rest of "
            + "the period: once a sweep takes longer than the period, each lock is heartbeaten less often than "
            + "configured."));
  }

  private String[] measure(Library library, int leases) throws InterruptedException {
    RequestCounter requests = new RequestCounter();
    try (DynamoDbClient client = server.newClient(requests)) {
      client.listTables(); // the SDK's own start-up happens before the baseline of threads
      Set<Thread> before = Thread.getAllStackTraces().keySet();
      LockService locks = library.open(client, "scale");
      try {
        List<HeldLock> held = new ArrayList<>();
        for (int i = 0; i < leases; i++) {
          held.add(locks.acquire("scale/" + leases + "/" + i));
        }
        Requests start = requests.snapshot();
        long startedAt = System.nanoTime();
        Thread.sleep(settings.scaleWindow().toMillis());
        Requests renewals = requests.snapshot().since(start);
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        long lost = held.stream().filter(lock -> !lock.isHeld()).count();
        return new String[] {
            library.name(),
            Integer.toString(leases),
            threadsStartedSince(before),
            String.format(Locale.ROOT, "%.0f (%.0f)", renewals.total() / seconds,
                leases / (settings.renewalPeriod().toNanos() / 1e9)),
            Long.toString(lost)};
      } finally {
        locks.close();
      }
    }
  }

  /** Such as "4: leasehold-locks-N-N ×4". */
  private static String threadsStartedSince(Set<Thread> before) {
    Map<String, Long> byName = new TreeMap<>(Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> !before.contains(thread) && OTHERS.stream().noneMatch(thread.getName()::startsWith))
        .collect(Collectors.groupingBy(thread -> thread.getName().replaceAll("[0-9]+", "N"), Collectors.counting())));
    long total = byName.values().stream().mapToLong(Long::longValue).sum();
    return total + byName.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
        .collect(Collectors.joining(", ", total == 0 ? "" : ": ", ""));
  }
}
