package dev.leasehold.examples;

import dev.leasehold.kv.Backoff;
import dev.leasehold.locks.Lease;
import dev.leasehold.locks.LockAttempt;
import dev.leasehold.locks.LockClient;
import dev.leasehold.locks.LockOptions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * One life of a worker process: claims pending jobs with {@code tryAcquire}, fences the job with the claim's
 * token, works, completes the job (accepted only for the latest token) and releases the claim, until no job
 * is pending or it crashes while holding a claim.
 */
final class Consumer {
  private static final Backoff IDLE = Backoff.exponential(Duration.ofMillis(20), Duration.ofSeconds(1));

  private final String id;
  private final Jobs jobs;
  private final LockClient locks;
  private final Settings settings;
  private final Tally tally;
  private final int home;

  /**
   * How workers behave.
   *
   * @param claim the lease options of a claim
   * @param workTime the simulated work per job
   * @param crashRate the chance, per job, of dying while holding its claim
   * @param pauseRate the chance, per job, of stalling (as in a long GC pause) past the claim's lease
   * @param candidates how many pending jobs of a shard one listing fetches
   */
  record Settings(LockOptions claim, Duration workTime, double crashRate, double pauseRate, int candidates) {
    /** Long enough for the claim to expire in the store, so another worker can take the job over. */
    Duration pause() {
      return claim.leaseLength().plus(claim.maxClockSkew()).multipliedBy(2);
    }
  }

  /** Counters shared by all workers. */
  static final class Tally {
    final LongAdder completed = new LongAdder();
    final LongAdder crashes = new LongAdder();
    final LongAdder pauses = new LongAdder();
    final LongAdder staleCompletions = new LongAdder();
    final LongAdder busyClaims = new LongAdder();
    /** Per job, the spans (start and end on the one ticker all workers share) of work under a valid claim. */
    private final Map<String, List<long[]>> validWork = new ConcurrentHashMap<>();

    void workedUnderValidClaim(String job, long start, long end) {
      validWork.computeIfAbsent(job, j -> Collections.synchronizedList(new ArrayList<>())).add(new long[] {start, end});
    }

    /** Jobs that two workers worked on at the same time, both holding a valid claim: zero when leases exclude. */
    long jobsProcessedTwice() {
      return validWork.values().stream().filter(Tally::overlap).count();
    }

    private static boolean overlap(List<long[]> spans) {
      List<long[]> sorted;
      synchronized (spans) {
        sorted = new ArrayList<>(spans);
      }
      sorted.sort(Comparator.comparingLong(span -> span[0]));
      for (int i = 1; i < sorted.size(); i++) {
        if (sorted.get(i)[0] < sorted.get(i - 1)[1]) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * A worker.
   *
   * @param home the shard it looks at first, so workers spread out
   */
  Consumer(String id, int home, Jobs jobs, LockClient locks, Settings settings, Tally tally) {
    this.id = id;
    this.home = home;
    this.jobs = jobs;
    this.locks = locks;
    this.settings = settings;
    this.tally = tally;
  }

  /**
   * Works until no job is pending.
   *
   * @return true if this worker crashed while holding a claim, which it leaves to expire
   */
  boolean run() throws InterruptedException {
    Deque<Integer> shards = new ArrayDeque<>();
    for (int i = 0; i < Jobs.SHARDS; i++) {
      shards.add((home + i) % Jobs.SHARDS);
    }
    int barren = 0;
    int idleRounds = 0;
    while (!shards.isEmpty()) {
      List<Jobs.Seen> pending = jobs.pending(shards.getFirst(), settings.candidates());
      if (pending.isEmpty()) {
        // No job is ever added after seeding, so an empty shard stays empty.
        shards.removeFirst();
        continue;
      }
      Outcome outcome = workThrough(pending);
      if (outcome == Outcome.CRASHED) {
        return true;
      }
      if (outcome == Outcome.DONE) {
        barren = 0;
        idleRounds = 0;
        continue;
      }
      shards.addLast(shards.removeFirst());
      if (++barren >= shards.size()) {
        // A round of every shard without work: each pending job is claimed, perhaps by a crashed worker
        // whose claim must expire first.
        Thread.sleep(IDLE.delay(++idleRounds).toMillis());
        barren = 0;
      }
    }
    return false;
  }

  private enum Outcome { DONE, CRASHED, NONE }

  /**
   * Works through {@code pending}, skipping jobs other workers hold. Going on with the same listing rather
   * than listing again after each job saves requests: a drained shard is full of deleted keys to read past.
   */
  private Outcome workThrough(List<Jobs.Seen> pending) throws InterruptedException {
    List<Jobs.Seen> shuffled = new ArrayList<>(pending);
    // Workers that try the same jobs in the same order would all fight over the first one.
    Collections.shuffle(shuffled);
    Outcome result = Outcome.NONE;
    for (Jobs.Seen seen : shuffled) {
      Outcome outcome = tryJob(seen);
      if (outcome == Outcome.CRASHED) {
        return outcome;
      }
      if (outcome == Outcome.DONE) {
        result = outcome;
      }
    }
    return result;
  }

  /** Claims, fences, works on and completes one job; {@code NONE} when another worker has it. */
  private Outcome tryJob(Jobs.Seen seen) throws InterruptedException {
    LockAttempt attempt = locks.tryAcquire(seen.claimName(), settings.claim());
    if (!attempt.acquired()) {
      tally.busyClaims.increment();
      return Outcome.NONE;
    }
    Lease lease = attempt.lease().orElseThrow();
    long claimedAt = System.nanoTime();
    Optional<Jobs.Seen> fenced = jobs.fence(seen, lease.fencingToken());
    if (fenced.isEmpty()) {
      lease.close();
      return Outcome.NONE;
    }
    Thread.sleep(settings.workTime().toMillis());
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (random.nextDouble() < settings.pauseRate()) {
      // Stalls past its lease without knowing it; when it wakes up, its completion carries a stale token
      // if another worker has taken the job over meanwhile, and the job refuses it.
      lease.stopRenewal();
      tally.pauses.increment();
      Thread.sleep(settings.pause().toMillis());
    } else if (random.nextDouble() < settings.crashRate()) {
      // Dies holding the claim: no release, no more renewals. Another worker takes the job over once the
      // claim's record expires.
      lease.stopRenewal();
      tally.crashes.increment();
      return Outcome.CRASHED;
    }
    long finishedAt = System.nanoTime();
    if (lease.isValid()) {
      // Valid now, so valid at finishedAt: the span is one in which no other worker may hold the claim.
      tally.workedUnderValidClaim(seen.job().id(), claimedAt, finishedAt);
    }
    if (jobs.complete(fenced.get(), id)) {
      tally.completed.increment();
    } else {
      tally.staleCompletions.increment();
    }
    lease.close();
    return Outcome.DONE;
  }

  @Override
  public String toString() {
    return id;
  }
}
