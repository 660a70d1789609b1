package dev.leasehold.benchmarks.sidebyside;

import dev.leasehold.benchmarks.sidebyside.LockService.HeldLock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * (c) Contended handoff: four workers take turns on one lock, each with a lock client of its own (or, for
 * Leasehold, also all in one process). A worker holds the lock for 0.5 to 1.5 s, releases it, waits until
 * another worker has taken it, does other work for up to 0.5 s and competes again. So three workers are
 * waiting at every release, and they started waiting at unrelated moments: a fixed poll period cannot line up
 * with the releases. The time from a release to the next acquisition measures how fast a waiter notices.
 */
final class Handoff {
  static final int WORKERS = 4;
  private static final String NAME = "handoff";
  private static final long HOLD_MIN_MILLIS = 500;
  private static final long HOLD_SPREAD_MILLIS = 1000;
  /** Shorter than the shortest hold, so a worker is waiting again before the lock is next released. */
  private static final long THINK_MAX_MILLIS = 500;

  private final Settings settings;

  Handoff(Settings settings) {
    this.settings = settings;
  }

  /**
   * Runs the rounds, alternating the teams and rotating which goes first.
   *
   * @param teams each a library's {@value #WORKERS} workers
   */
  Section run(List<Team> teams) throws InterruptedException {
    Map<Team, List<Long>> gaps = new HashMap<>();
    Map<Team, Long> acquisitions = new HashMap<>();
    Map<Team, Requests> requests = new HashMap<>();
    for (int round = 0; round < settings.handoffRounds(); round++) {
      for (int i = 0; i < teams.size(); i++) {
        Team team = teams.get((round + i) % teams.size());
        Round result = new Round(team).run();
        gaps.computeIfAbsent(team, t -> new ArrayList<>()).addAll(result.gaps);
        acquisitions.merge(team, result.acquisitions, Long::sum);
        requests.merge(team, result.requests, Requests::plus);
      }
    }
    Table table = new Table("library", "handoffs measured", "release → next acquisition, p50 / p90",
        "requests per acquisition");
    for (Team team : teams) {
      Samples gap = Samples.of(gaps.get(team));
      table.row(team.name(), Integer.toString(gap.count()),
          String.format(Locale.ROOT, "%.0f / %.0f ms", gap.median() / 1e6, gap.percentile(90) / 1e6),
          requests.get(team).per(acquisitions.get(team)));
    }
    return new Section("(c) Contended handoff, " + WORKERS + " workers on one lock",
        String.format(Locale.ROOT, "%d workers; each holds the lock for a random 0.5–1.5 s, releases it, "
            + "waits until another worker took it, works elsewhere for a random 0–0.5 s and competes again, so "
            + "three workers are waiting at every release and started waiting at unrelated moments. Rounds of "
            + "%d s, %d per library, alternating. The time is taken from just before the release request to the "
            + "return of the next acquisition. Requests per acquisition count everything the library sent during "
            + "the rounds: attempts, polls, releases and renewals.",
            WORKERS, settings.handoffRound().toSeconds(), settings.handoffRounds()),
        table, List.of("A Leasehold waiter polls by trying to take the lock: a conditional `UpdateItem` that, when it "
            + "fails, consumes a write unit and tells who holds the lock. An AWS lock client waiter polls with a "
            + "consistent `GetItem` (a read unit) and writes only to take the lock.",
            "Waiters in one Leasehold `LockClient` are woken as soon as a lease of that client is released; "
            + "across processes they rely on their backoff."));
  }

  /**
   * A library's workers.
   *
   * @param name how the report names it
   * @param workers one lock client per worker (the same client repeated for workers of one process)
   * @param requests counts what the library's DynamoDB client sends
   */
  record Team(String name, List<LockService> workers, RequestCounter requests) {}

  /** One round of one team. */
  private final class Round {
    private final Team team;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    // Guarded by this.
    private final List<Long> gaps = new ArrayList<>();
    private long acquisitions;
    private long releasedAt;
    private boolean stopped;
    private Requests requests;

    Round(Team team) {
      this.team = team;
    }

    Round run() throws InterruptedException {
      Requests before = team.requests().snapshot();
      List<Thread> threads = new ArrayList<>();
      for (LockService worker : team.workers()) {
        Thread thread = new Thread(() -> work(worker), "handoff-worker");
        threads.add(thread);
        thread.start();
      }
      Thread.sleep(settings.handoffRound().toMillis());
      synchronized (this) {
        stopped = true;
        requests = team.requests().snapshot().since(before);
        notifyAll();
      }
      // Every worker still waiting gets the lock in turn, releases it at once and leaves.
      for (Thread thread : threads) {
        thread.join();
      }
      if (failure.get() != null) {
        throw new IllegalStateException("a worker of " + team.name() + " failed", failure.get());
      }
      return this;
    }

    private void work(LockService worker) {
      try {
        while (true) {
          HeldLock lock = worker.acquire(NAME);
          long mine;
          synchronized (this) {
            if (stopped) {
              lock.release();
              return;
            }
            if (releasedAt != 0) {
              gaps.add(System.nanoTime() - releasedAt);
            }
            releasedAt = 0;
            mine = ++acquisitions;
            notifyAll();
          }
          ThreadLocalRandom random = ThreadLocalRandom.current();
          Thread.sleep(HOLD_MIN_MILLIS + random.nextLong(HOLD_SPREAD_MILLIS));
          synchronized (this) {
            // Taken before the release starts: a waiter in this process may be woken before it returns.
            releasedAt = System.nanoTime();
          }
          lock.release();
          synchronized (this) {
            while (acquisitions == mine && !stopped) {
              wait();
            }
            if (stopped) {
              return;
            }
          }
          Thread.sleep(random.nextLong(THINK_MAX_MILLIS));
        }
      } catch (InterruptedException | RuntimeException e) {
        failure.compareAndSet(null, e);
      }
    }
  }
}
