package dev.leasehold.locks.testkit;

import dev.leasehold.kv.Backoff;
import dev.leasehold.kv.Store;
import dev.leasehold.locks.LeaderElection;
import dev.leasehold.locks.LockOptions;
import dev.leasehold.locks.Semaphore;
import java.time.Duration;

/**
 * What the recipe contract tests need from the backend under test: a shared store on {@link FakeTime},
 * simulated processes using it, a store on real time for the tests where real concurrency is the point, and
 * the sizes of the heavier tests. Implemented by {@link RecipeContract}.
 */
public interface RecipeFixture {
  /** The lease length of elections and permits. */
  Duration LEASE = Duration.ofSeconds(10);

  /** The revocation margin elections get by default for {@link #LEASE}: a quarter of it. */
  Duration MARGIN = LEASE.dividedBy(4);

  /** The maximum clock skew of elections and permits. */
  Duration SKEW = Duration.ofSeconds(1);

  /** The backoff of elections and permits: short, so that waits stay well inside a lease. */
  Backoff BACKOFF = Backoff.exponential(Duration.ofMillis(10), Duration.ofSeconds(1));

  /** The name of the election most tests hold. */
  String ELECTION = "elections/leader";

  /** The name of the semaphore most tests use. */
  String SEMAPHORE = "pool";

  /**
   * The options permits are taken with.
   *
   * @return a {@link #LEASE} lease, {@link #BACKOFF}, {@link #SKEW}, waiting forever, renewing automatically
   */
  default LockOptions permitOptions() {
    return LockOptions.lease(LEASE).backoff(BACKOFF).maxClockSkew(SKEW);
  }

  /**
   * A participant in {@link #ELECTION}, not yet started, closed after the test.
   *
   * @param process the process it runs in
   * @param participantId its id
   * @param listener its listener, run on the process's scheduler
   * @return the participant
   */
  default LeaderElection participant(FakeProcess process, String participantId, LeaderElection.Listener listener) {
    return closeAfterTest(LeaderElection.builder(process.locks(), ELECTION)
        .participantId(participantId)
        .leaseLength(LEASE)
        .backoff(BACKOFF)
        .maxClockSkew(SKEW)
        .listener(listener)
        .build());
  }

  /**
   * A participant in {@link #ELECTION}, started, once its first attempt has run: the leader unless another
   * participant leads.
   *
   * @param process the process it runs in
   * @param participantId its id
   * @param listener its listener, run on the process's scheduler
   * @return the participant
   */
  default LeaderElection campaigning(FakeProcess process, String participantId, LeaderElection.Listener listener) {
    LeaderElection participant = participant(process, participantId, listener);
    participant.start();
    time().runDue();
    return participant;
  }

  /**
   * The semaphore {@link #SEMAPHORE} as a process sees it, with {@link #permitOptions()}.
   *
   * @param process the process
   * @param permits its number of permits
   * @return the semaphore
   */
  default Semaphore semaphore(FakeProcess process, int permits) {
    return Semaphore.builder(process.locks(), SEMAPHORE, permits).options(permitOptions()).build();
  }

  /**
   * The time every simulated process and the shared store run on.
   *
   * @return the fake time
   */
  FakeTime time();

  /**
   * The store shared by the simulated processes, as the test sees it: no faults, not counted.
   *
   * @return the store
   */
  Store store();

  /**
   * A new simulated process on the shared store and fake time, closed after the test.
   *
   * @param owner its owner id
   * @return the process
   */
  FakeProcess process(String owner);

  /**
   * A store on the system clock, for tests with real threads and real time; the same store for the whole
   * test, closed after it.
   *
   * @return the store
   */
  Store realTimeStore();

  /**
   * Closes a resource after the test, in reverse order of registration.
   *
   * @param resource the resource
   * @param <T> its type
   * @return the resource
   */
  <T extends AutoCloseable> T closeAfterTest(T resource);

  /**
   * How many participants campaign at once in the election fuzz; crashed ones are replaced.
   *
   * @return the number of participants
   */
  int electionParticipants();

  /**
   * How many steps the election fuzz takes: each advances fake time up to three seconds, or crashes,
   * stalls, cuts off or retires a participant. A participant that is not leader makes about one request per
   * simulated second.
   *
   * @return the number of steps
   */
  int electionFuzzSteps();

  /**
   * How many permits each of the sixteen threads of the semaphore fuzz takes.
   *
   * @return the rounds per thread
   */
  int semaphoreRoundsPerThread();
}
