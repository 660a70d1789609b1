package dev.leasehold.locks.testkit;

import dev.leasehold.kv.testkit.FaultyStore;
import dev.leasehold.locks.LeaderElection;
import dev.leasehold.locks.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of the recipes built on leases, {@link LeaderElection} and {@link Semaphore}, that a backend
 * must support. A backend passes it by extending this class and creating stores, as for
 * {@link LockContract}:
 *
 * <pre>{@code
 * class MemoryRecipeContractTest extends RecipeContract {
 *   protected Store createStore(Clock clock) {
 *     return MemoryStore.create(clock);
 *   }
 * }
 * }</pre>
 *
 * <p>Most tests run on {@link FakeTime}, including the election fuzz, whose leaders crash, stall, lose the
 * store and resign while the test checks after every step and at every election that no two participants
 * lead at once. The semaphore fuzz and the listener threads test use real threads and the system clock. A
 * slow backend may shrink the heavy tests by overriding {@link #electionFuzzSteps()} and
 * {@link #semaphoreRoundsPerThread()}: on DynamoDB Local (about a thousand requests a second) the defaults
 * take some 16 and 12 seconds, 150 steps and 20 rounds some 7 seconds each.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class RecipeContract extends SimulatedContract implements RecipeFixture, LeaderElectionContract,
    SingleLeaderContract, SemaphoreContract, SemaphoreExclusionContract {
  /** Six participants. */
  @Override
  public int electionParticipants() {
    return 6;
  }

  /** 400 steps, some seven minutes of simulated time. */
  @Override
  public int electionFuzzSteps() {
    return 400;
  }

  /** 50 permits for each of the sixteen threads. */
  @Override
  public int semaphoreRoundsPerThread() {
    return 50;
  }

  /** Its store is a {@link FaultyStore} over the shared store, left open: the shared store is closed last. */
  @Override
  public final FakeProcess process(String owner) {
    return process(owner, permitOptions());
  }
}
