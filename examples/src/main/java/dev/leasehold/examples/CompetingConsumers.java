package dev.leasehold.examples;

import dev.leasehold.kv.Store;
import dev.leasehold.locks.LockClient;
import dev.leasehold.locks.LockOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The main job: workers compete for jobs in a bucket. Each claims a job with one {@code tryAcquire},
 * records its fencing token on the job, works, and completes the job only if no later claim fenced it.
 * Workers crash at random while holding a claim; others take the job over when the claim expires. The
 * summary shows that every job was completed, and that no two workers ever worked on one job at the same
 * time while both held a valid claim.
 */
@Command(name = "competing-consumers", mixinStandardHelpOptions = true,
    description = "Workers claim jobs with leases and complete them under fencing tokens, with random "
        + "crashes. Checks that every job is done exactly once.")
final class CompetingConsumers implements Callable<Integer> {
  @Mixin
  private BackendOptions backend;

  @Spec
  private CommandSpec spec;

  @Option(names = "--jobs", defaultValue = "200", description = "Jobs to seed (default: ${DEFAULT-VALUE}).")
  private int jobCount;

  @Option(names = "--workers", defaultValue = "8", description = "Worker threads (default: ${DEFAULT-VALUE}).")
  private int workers;

  @Option(names = "--work-ms", defaultValue = "20",
      description = "Simulated work per job, in milliseconds (default: ${DEFAULT-VALUE}).")
  private long workMillis;

  @Option(names = "--crash-rate", defaultValue = "0.02",
      description = "Chance that a worker dies holding its claim, per job (default: ${DEFAULT-VALUE}).")
  private double crashRate;

  @Option(names = "--pause-rate", defaultValue = "0.01",
      description = "Chance that a worker stalls past its lease while holding a claim, per job, then tries to "
          + "complete the job anyway (default: ${DEFAULT-VALUE}).")
  private double pauseRate;

  @Option(names = "--lease-ms", defaultValue = "1000",
      description = "Claim lease length in milliseconds (default: ${DEFAULT-VALUE}).")
  private long leaseMillis;

  @Override
  public Integer call() throws Exception {
    Arguments.requireAtLeast(spec, "--jobs", jobCount, 0);
    Arguments.requireAtLeast(spec, "--workers", workers, 1);
    Arguments.requireAtLeast(spec, "--work-ms", workMillis, 0);
    Arguments.requireAtLeast(spec, "--lease-ms", leaseMillis, 10);
    Arguments.requireFraction(spec, "--crash-rate", crashRate);
    if (crashRate == 1) {
      throw new ParameterException(spec.commandLine(), "--crash-rate must be below 1: workers would never finish");
    }
    Arguments.requireFraction(spec, "--pause-rate", pauseRate);
    PrintWriter out = spec.commandLine().getOut();
    try (Backend opened = backend.open(out); Store store = opened.store("competing-consumers");
        Processes processes = new Processes(store)) {
      return run(out, opened, store, processes);
    }
  }

  private int run(PrintWriter out, Backend opened, Store store, Processes processes) throws Exception {
    // All workers run on one machine here, so their clocks agree: a small skew allowance keeps takeover of a
    // crashed worker's claim quick. Across machines keep the default of one second or more.
    LockOptions claim = LockOptions.lease(Duration.ofMillis(leaseMillis)).noWait()
        .maxClockSkew(Duration.ofMillis(Math.max(1, leaseMillis / 5)));
    Jobs jobs = new Jobs(store);
    jobs.seed(jobCount);
    out.printf("seeded %d jobs; %d workers, %d ms of work each, crash rate %.2f, pause rate %.2f, %d ms leases%n",
        jobCount, workers, workMillis, crashRate, pauseRate, leaseMillis);
    Consumer.Tally tally = new Consumer.Tally();
    Consumer.Settings settings = new Consumer.Settings(claim, Duration.ofMillis(workMillis), crashRate, pauseRate,
        8);
    Optional<Backend.Requests> requestsBefore = opened.requests();
    long started = System.nanoTime();
    try (Progress progress = new Progress(out, jobCount, tally.completed::sum, tally.crashes::sum)) {
      Workers.run("worker", workers, workers, worker -> {
        boolean crashed = true;
        for (int life = 1; crashed; life++) {
          String id = "worker-" + worker + "." + life;
          LockClient locks = processes.start(id);
          try {
            crashed = new Consumer(id, worker * Jobs.SHARDS / workers, jobs, locks, settings, tally).run();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      });
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    Optional<Backend.Requests> requests = opened.requests().map(r -> r.since(requestsBefore.orElseThrow()));
    long done = jobs.doneCount();
    long twice = tally.jobsProcessedTwice();

    out.printf("jobs done:              %d of %d%n", done, jobCount);
    out.printf("jobs processed twice:   %d%n", twice);
    out.printf("workers:                %d, %d crashed holding a claim (their jobs taken over)%n",
        workers, tally.crashes.sum());
    out.printf("stalled workers:        %d, %d of their completions refused by fencing token%n",
        tally.pauses.sum(), tally.staleCompletions.sum());
    out.printf("claims found busy:      %d%n", tally.busyClaims.sum());
    out.printf("requests:               %s%n", requests.filter(r -> jobCount > 0)
        .map(r -> r.total() + ", " + r.per(jobCount, "job")).orElse("not counted (in-memory store)"));
    out.printf("throughput:             %.0f jobs/s (%.2f s)%n",
        jobCount / Math.max(elapsed.toNanos() / 1e9, 1e-9), elapsed.toNanos() / 1e9);
    out.println(done == jobCount && twice == 0
        ? "OK: every job done exactly once" : "FAILED: jobs missing or done twice");
    out.flush();
    return done == jobCount && twice == 0 ? 0 : 1;
  }

  /**
   * The workers' processes: each life of a worker gets a lock client of its own, as a separate process would.
   * A crashed worker's client stays open until the end, or closing it would release the claim it died with.
   */
  private static final class Processes implements AutoCloseable {
    private final Store store;
    private final List<LockClient> clients = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService renewals = Executors.newScheduledThreadPool(2, r -> {
      Thread thread = new Thread(r, "renewals");
      thread.setDaemon(true);
      return thread;
    });

    Processes(Store store) {
      this.store = store;
    }

    LockClient start(String owner) {
      LockClient client = LockClient.builder(store).owner(owner).scheduler(renewals).build();
      clients.add(client);
      return client;
    }

    @Override
    public void close() {
      clients.forEach(LockClient::close);
      renewals.shutdownNow();
    }
  }
}
