package dev.leasehold.examples;

import dev.leasehold.kv.Store;
import dev.leasehold.locks.LeaderElection;
import dev.leasehold.locks.LockClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Several participants campaign for leadership; the leader is killed (no release, no more renewals) again
 * and again, and finally one resigns. Prints who leads, how long each failover took, and checks that there
 * was never more than one leader and that fencing tokens only grew.
 */
@Command(name = "leader-election", mixinStandardHelpOptions = true,
    description = "Participants elect a leader; the leader is killed repeatedly, then one resigns. Prints who "
        + "leads and the failover times, and checks there is never more than one leader.")
final class LeaderElectionExample implements Callable<Integer> {
  /** How often the demo looks at who leads; a check of local state, no request. */
  private static final Duration POLL = Duration.ofMillis(2);

  @Mixin
  private BackendOptions backend;

  @Spec
  private CommandSpec spec;

  @Option(names = "--participants", defaultValue = "5",
      description = "Participants, each a process of its own; at least --kills + 2 (default: ${DEFAULT-VALUE}).")
  private int participantCount;

  @Option(names = "--kills", defaultValue = "3",
      description = "How many leaders to kill before the last one resigns (default: ${DEFAULT-VALUE}).")
  private int kills;

  @Option(names = "--lease-ms", defaultValue = "1000",
      description = "Leader lease length in milliseconds (default: ${DEFAULT-VALUE}).")
  private long leaseMillis;

  /** One participant: its own client and scheduler, as if it were a process of its own. */
  private record Participant(String id, ScheduledExecutorService scheduler, LockClient locks,
      LeaderElection election) {
    boolean alive() {
      return !scheduler.isShutdown();
    }

    /** Dies: its scheduler stops, so nothing renews or releases its lease. */
    void kill() {
      scheduler.shutdownNow();
    }
  }

  @Override
  public Integer call() throws Exception {
    Arguments.requireAtLeast(spec, "--kills", kills, 0);
    // Every kill removes a participant; the last leader resigns to a successor: kills + 2 at least.
    Arguments.requireAtLeast(spec, "--participants", participantCount, kills + 2);
    Arguments.requireAtLeast(spec, "--lease-ms", leaseMillis, 10);
    PrintWriter out = spec.commandLine().getOut();
    Duration lease = Duration.ofMillis(leaseMillis);
    try (Backend opened = backend.open(out); Store store = opened.store("leader-election")) {
      List<Participant> participants = new ArrayList<>();
      try {
        for (int i = 1; i <= participantCount; i++) {
          participants.add(start(store, "node-" + i, lease));
        }
        out.printf("%d participants, %d ms leases; killing %d leaders, then one resigns%n",
            participantCount, leaseMillis, kills);
        out.flush();
        return run(out, participants);
      } catch (IllegalStateException noLeader) {
        out.printf("FAILED: %s%n", noLeader.getMessage());
        out.flush();
        return 1;
      } finally {
        for (Participant participant : participants) {
          if (participant.alive()) {
            participant.locks().close();
            participant.scheduler().shutdownNow();
          }
        }
      }
    }
  }

  private Participant start(Store store, String id, Duration lease) {
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, r -> {
      Thread thread = new Thread(r, id);
      thread.setDaemon(true);
      return thread;
    });
    LockClient locks = LockClient.builder(store).owner(id).scheduler(scheduler).build();
    // One machine, one clock: a small skew allowance keeps failover quick. Across machines keep the default.
    LeaderElection election = LeaderElection.builder(locks, "elections/demo")
        .participantId(id)
        .leaseLength(lease)
        .maxClockSkew(lease.dividedBy(5))
        .build();
    election.start();
    return new Participant(id, scheduler, locks, election);
  }

  private int run(PrintWriter out, List<Participant> participants) throws InterruptedException {
    // A takeover needs the old lease to run out: ten leases is plenty on a loaded machine.
    Watch watch = new Watch(participants, Duration.ofMillis(leaseMillis).multipliedBy(10));
    Participant leader = watch.awaitLeader(Optional.empty());
    out.printf("%s leads (fencing token %d)%n", leader.id(), watch.token(leader));
    List<Long> crashFailovers = new ArrayList<>();
    for (int kill = 0; kill < kills; kill++) {
      leader.kill();
      long killed = System.nanoTime();
      out.printf("killed %s: no release, no renewals%n", leader.id());
      out.flush();
      leader = watch.awaitLeader(Optional.of(leader));
      crashFailovers.add((System.nanoTime() - killed) / 1_000_000);
      out.printf("%s leads after %d ms (fencing token %d)%n", leader.id(), crashFailovers.get(kill),
          watch.token(leader));
    }
    leader.election().close();
    long resigned = System.nanoTime();
    out.printf("%s resigns%n", leader.id());
    Participant successor = watch.awaitLeader(Optional.of(leader));
    long resignFailover = (System.nanoTime() - resigned) / 1_000_000;
    out.printf("%s leads after %d ms (fencing token %d)%n", successor.id(), resignFailover,
        watch.token(successor));

    out.printf("failover after a crash:     %s ms%n",
        crashFailovers.stream().map(String::valueOf).collect(Collectors.joining(", ")));
    out.printf("failover after resigning:   %d ms%n", resignFailover);
    out.printf("at most one leader at once: %s (%d observations)%n", watch.overlaps == 0 ? "yes" : "NO",
        watch.observations);
    out.printf("fencing tokens increasing:  %s%n", watch.tokensIncreasing ? "yes" : "NO");
    out.flush();
    return watch.overlaps == 0 && watch.tokensIncreasing ? 0 : 1;
  }

  /**
   * Watches every participant's own view of leadership, killed ones included (a killed leader still counts
   * itself leader until its revocation point), checking that no two ever lead at once.
   */
  private static final class Watch {
    private final List<Participant> participants;
    private final long patienceNanos;
    private long lastToken;
    private boolean tokensIncreasing = true;
    private long overlaps;
    private long observations;

    Watch(List<Participant> participants, Duration patience) {
      this.participants = participants;
      this.patienceNanos = patience.toNanos();
    }

    /**
     * Waits until a live participant other than {@code previous} is the only leader.
     *
     * @throws IllegalStateException if that does not happen within the patience
     */
    Participant awaitLeader(Optional<Participant> previous) throws InterruptedException {
      long start = System.nanoTime();
      while (System.nanoTime() - start < patienceNanos) {
        List<Participant> leaders = participants.stream()
            .filter(p -> p.election().isLeader())
            .collect(Collectors.toList());
        observations++;
        if (leaders.size() > 1) {
          overlaps++;
        }
        Optional<Participant> next = leaders.stream()
            .filter(p -> p.alive() && previous.map(q -> q != p).orElse(true))
            .findFirst();
        if (next.isPresent() && leaders.size() == 1) {
          long token = token(next.get());
          tokensIncreasing &= token > lastToken;
          lastToken = token;
          return next.get();
        }
        Thread.sleep(POLL.toMillis());
      }
      throw new IllegalStateException("no single new leader within " + patienceNanos / 1_000_000 + " ms");
    }

    long token(Participant participant) {
      return participant.election().fencingToken().orElse(0);
    }
  }
}
