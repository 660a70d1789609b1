package dev.leasehold.benchmarks.sidebyside;

import dev.leasehold.benchmarks.sidebyside.LockService.HeldLock;
import dev.leasehold.kv.testkit.DynamoDbLocalServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * (d) Takeover of a crashed holder: how long until another worker holds the lock, for a waiter that was
 * already waiting when the holder crashed, and for one that arrives one lease length after the holder's lease
 * ran out. Every trial is a fresh holder and waiter, each with a DynamoDB client of its own; the holder
 * crashes ({@link ConnectionCut}) at a random moment between a half and five sixths of a lease after it
 * acquired, so at least one renewal or heartbeat has happened. The trials are waits of seconds, so all of them
 * run at the same time, each on its own lock.
 */
final class Takeover {
  private final Settings settings;
  private final DynamoDbLocalServer server;

  Takeover(Settings settings, DynamoDbLocalServer server) {
    this.settings = settings;
    this.server = server;
  }

  Section run(List<Library> libraries) throws InterruptedException, ExecutionException {
    ExecutorService threads = Executors.newCachedThreadPool();
    try {
      List<Future<Trial>> trials = new ArrayList<>();
      int lock = 0;
      for (int i = 0; i < settings.takeoverTrials(); i++) {
        for (Scenario scenario : Scenario.values()) {
          for (Library library : libraries) {
            String name = "takeover/" + lock++;
            trials.add(threads.submit(() -> trial(library, scenario, name, threads)));
          }
        }
      }
      List<Trial> results = new ArrayList<>();
      for (Future<Trial> trial : trials) {
        results.add(trial.get());
      }
      return section(libraries, results);
    } finally {
      threads.shutdownNow();
    }
  }

  private Section section(List<Library> libraries, List<Trial> results) {
    Table table = new Table("scenario", "library", "from the holder's last answered request",
        "from the waiter's arrival", "waiter's requests");
    for (Scenario scenario : Scenario.values()) {
      for (Library library : libraries) {
        List<Trial> trials = results.stream()
            .filter(t -> t.library() == library && t.scenario() == scenario).toList();
        table.row(scenario.description, library.name(), seconds(trials, Trial::sinceLastAnswer),
            scenario == Scenario.LATE ? seconds(trials, Trial::sinceArrival) : "—",
            Samples.of(trials.stream().map(Trial::waiterRequests).toList()).medianAndRange("%.0f"));
      }
    }
    return new Section("(d) Takeover of a crashed holder",
        String.format(Locale.ROOT, "Lease %d s, renewals and heartbeats every %.1f s. %d trials per library and "
            + "scenario; times are the median (min–max) until the waiter holds the lock. A crash cuts the "
            + "holder's connection: from then on none of its requests reaches the server, so it neither releases "
            + "nor renews, whatever its threads keep trying. Times count from the holder's last request the "
            + "server answered (its last renewal or heartbeat), from which any lease must be counted; the "
            + "crash itself comes up to one renewal period later, at a random moment. The late waiter arrives one "
            + "lease length after the holder's lease ran out (two leases after that last request).",
            settings.lease().toSeconds(), settings.renewalPeriod().toMillis() / 1e3, settings.takeoverTrials()),
        table, List.of("A Leasehold record expires in the store one lease plus the maximum clock skew (1 s) after "
            + "its last write, so a waiter arriving later takes the lock with its first request; a waiter that was "
            + "already watching may take it over after one lease of seeing it unchanged, whichever comes first.",
            "The AWS lock client stores no expiry: every waiter, however late, must see the same record version "
            + "for a full lease duration on its own clock before it takes the lock over."));
  }

  private Trial trial(Library library, Scenario scenario, String name, ExecutorService threads) throws Exception {
    ConnectionCut cut = new ConnectionCut();
    RequestCounter waiterRequests = new RequestCounter();
    try (DynamoDbClient holderClient = server.newClient(cut);
         DynamoDbClient waiterClient = server.newClient(waiterRequests)) {
      LockService holder = library.open(holderClient, "crashing-holder");
      LockService waiter = library.open(waiterClient, "waiter");
      try {
        holder.acquire(name);
        long acquiredAt = System.nanoTime();
        Future<Acquired> waiting = scenario == Scenario.WAITING ? threads.submit(() -> acquire(waiter, name)) : null;
        long lease = settings.lease().toNanos();
        sleepUntil(acquiredAt + lease / 2 + ThreadLocalRandom.current().nextLong(lease / 3));
        cut.cut();
        long arrivedAt;
        Acquired taken;
        if (waiting != null) {
          arrivedAt = acquiredAt;
          taken = waiting.get();
        } else {
          sleepUntil(cut.lastAnsweredSentAt() + 2 * lease);
          arrivedAt = System.nanoTime();
          taken = acquire(waiter, name);
        }
        long requests = waiterRequests.snapshot().total();
        taken.lock().release();
        return new Trial(library, scenario, taken.at() - cut.lastAnsweredSentAt(), taken.at() - arrivedAt,
            requests);
      } finally {
        waiter.close();
        holder.close();
      }
    }
  }

  private static Acquired acquire(LockService locks, String name) throws InterruptedException {
    HeldLock lock = locks.acquire(name);
    return new Acquired(lock, System.nanoTime());
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  private static String seconds(List<Trial> trials, ToLongFunction<Trial> nanos) {
    return Samples.of(trials.stream().map(t -> nanos.applyAsLong(t) / 1e9).toList()).medianAndRange("%.2f s");
  }

  /** Where the waiter is when the holder crashes. */
  enum Scenario {
    WAITING("waiter already waiting"),
    LATE("waiter arrives after the lease ran out");

    private final String description;

    Scenario(String description) {
      this.description = description;
    }
  }

  /** A lock and when the acquisition returned it. */
  private record Acquired(HeldLock lock, long at) {}

  /** One trial's times in nanoseconds and the requests the waiter sent until it held the lock. */
  private record Trial(Library library, Scenario scenario, long sinceLastAnswer, long sinceArrival,
      long waiterRequests) {}
}
