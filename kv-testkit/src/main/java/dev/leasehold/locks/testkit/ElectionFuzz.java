package dev.leasehold.locks.testkit;

import dev.leasehold.kv.testkit.FaultyStore.Fault;
import dev.leasehold.kv.testkit.FaultyStore.Operation;
import dev.leasehold.locks.LeaderElection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Participants of one election, each in its own simulated process, whose leaders crash, stall, lose the
 * store and resign at random while fake time goes on. After every step, and whenever a listener hears of an
 * election, it checks that at most one participant {@linkplain LeaderElection#isLeader() leads} and that
 * every new term's fencing token is larger than the one before. Crashed and stalled participants are
 * checked too: their view of leadership must end on time even though nothing runs in their process.
 */
final class ElectionFuzz {
  private static final Operation[] EVERY_REQUEST = {
      Operation.GET, Operation.CREATE, Operation.UPDATE, Operation.COMPARE_AND_DELETE};

  private final RecipeFixture fixture;
  private final Random random;
  private final String seed;
  /** Every participant ever started, in order, with the processes they ran in. */
  private final List<Participant> everyone = new ArrayList<>();
  /** The participants that have not crashed or resigned. */
  private final List<Participant> active = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private LeaderElection lastLeader;
  private long lastToken;
  private int terms;

  ElectionFuzz(RecipeFixture fixture, long seed) {
    this.fixture = fixture;
    this.random = new Random(seed);
    this.seed = "seed " + seed;
  }

  /** Runs {@code steps} steps with {@code participants} participants campaigning at a time. */
  void run(int participants, int steps) {
    // The store's clock runs ahead of the participants' tickers, by less than the skew they allow.
    fixture.time().clock().advance(Duration.ofMillis(random.nextInt((int) RecipeFixture.SKEW.toMillis())));
    for (int i = 0; i < participants; i++) {
      active.add(start(fixture.process("node-" + i), "node-" + i));
    }
    for (int step = 0; step < steps; step++) {
      recover();
      act(step);
      check("after step " + step);
    }
  }

  /** Ends the stalls and faults, lets every participant resign, and delivers what the listeners are owed. */
  void finish() {
    for (Participant participant : active) {
      participant.process.scheduler().resume();
      participant.process.store().heal();
    }
    fixture.time().advance(RecipeFixture.LEASE.multipliedBy(2));
    check("after recovery");
    for (Participant participant : active) {
      participant.election.close();
    }
    fixture.time().advance(RecipeFixture.LEASE);
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  /** How many terms the checks saw begin. */
  int terms() {
    return terms;
  }

  /** The listeners of participants whose process kept running: they must have heard every term end. */
  List<ListenerLog> listenersOfLiveProcesses() {
    return everyone.stream().filter(p -> !p.crashed).map(p -> p.heard).toList();
  }

  /** The listeners of every participant. */
  List<ListenerLog> listeners() {
    return everyone.stream().map(p -> p.heard).toList();
  }

  String seed() {
    return seed;
  }

  private void act(int step) {
    Participant leader = active.stream().filter(p -> p.election.isLeader()).findFirst().orElse(null);
    int action = random.nextInt(20);
    if (action < 9 || leader == null && action < 16) {
      fixture.time().advance(Duration.ofMillis(1 + random.nextInt(3_000)));
    } else if (action < 11) {
      // Resigns, and campaigns again as a new participant in the same process.
      active.remove(leader);
      leader.election.close();
      Participant again = start(leader.process, leader.id);
      again.stalledUntil = leader.stalledUntil;
      again.cutOffUntil = leader.cutOffUntil;
      active.add(again);
    } else if (action < 13) {
      // Crashes holding the lease; a fresh process takes its place among the candidates.
      leader.process.scheduler().pause();
      leader.crashed = true;
      active.remove(leader);
      String id = "node-" + everyone.size();
      active.add(start(fixture.process(id), id));
    } else if (action < 16) {
      Participant stalled = random.nextInt(3) == 0 ? active.get(random.nextInt(active.size())) : leader;
      stalled.process.scheduler().pause();
      stalled.stalledUntil = until(Duration.ofMillis(100 + random.nextInt(20_000)));
    } else if (action < 18) {
      Participant troubled = leader != null ? leader : active.get(random.nextInt(active.size()));
      Fault fault = random.nextBoolean() ? Fault.BEFORE_APPLYING : Fault.AFTER_APPLYING;
      troubled.process.store().failNext(Operation.UPDATE, fault, 1 + random.nextInt(8));
    } else {
      Participant cutOff = leader != null ? leader : active.get(random.nextInt(active.size()));
      for (Operation operation : EVERY_REQUEST) {
        cutOff.process.store().failAlways(operation, Fault.BEFORE_APPLYING);
      }
      cutOff.cutOffUntil = until(Duration.ofMillis(1_000 + random.nextInt(15_000)));
    }
  }

  /** Ends the stalls and cut-offs whose time has come. */
  private void recover() {
    long now = fixture.time().ticker().read();
    for (Participant participant : active) {
      if (participant.stalledUntil != null && now - participant.stalledUntil >= 0) {
        participant.process.scheduler().resume();
        participant.stalledUntil = null;
      }
      if (participant.cutOffUntil != null && now - participant.cutOffUntil >= 0) {
        participant.process.store().heal();
        participant.cutOffUntil = null;
      }
    }
  }

  private Participant start(FakeProcess process, String id) {
    Participant participant = new Participant(process, id);
    everyone.add(participant);
    participant.election.start();
    return participant;
  }

  /** At most one leader among everyone, and a new term's token larger than the last term's. */
  private void check(String when) {
    List<Participant> leading = everyone.stream().filter(p -> p.election.isLeader()).toList();
    if (leading.size() > 1) {
      violations.add(when + ", " + seed + ": "
          + leading.stream().map(p -> p.id).collect(Collectors.joining(" and ")) + " lead at once");
    }
    if (leading.size() == 1) {
      LeaderElection election = leading.get(0).election;
      long token = election.fencingToken().orElseThrow();
      if (election != lastLeader || token != lastToken) {
        if (token <= lastToken) {
          violations.add(when + ", " + seed + ": a term with fencing token " + token + " after " + lastToken);
        }
        lastLeader = election;
        lastToken = token;
        terms++;
      }
    }
  }

  private Long until(Duration duration) {
    return fixture.time().ticker().read() + duration.toNanos();
  }

  /** One participant and the process it runs in. */
  private final class Participant {
    final FakeProcess process;
    final String id;
    final ListenerLog heard = new ListenerLog() {
      @Override
      public void elected(long fencingToken) {
        super.elected(fencingToken);
        check("when " + id + " heard it was elected");
      }
    };
    final LeaderElection election;
    Long stalledUntil;
    Long cutOffUntil;
    boolean crashed;

    Participant(FakeProcess process, String id) {
      this.process = process;
      this.id = id;
      this.election = fixture.participant(process, id, heard);
    }
  }
}
