package dev.leasehold.locks.testkit;

import dev.leasehold.kv.Store;
import dev.leasehold.locks.LeaderElection;
import dev.leasehold.locks.Semaphore;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * {@link #semaphoreRoundsPerThread()}; a backend serving about a thousand requests a second (DynamoDB Local)
 * runs the defaults in a few seconds each.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class RecipeContract implements RecipeFixture, LeaderElectionContract, SingleLeaderContract,
    SemaphoreContract, SemaphoreExclusionContract {
  private Simulation simulation;

  /**
   * Creates an empty store, isolated from stores created for other tests and from the other store of the
   * same test, that judges expiry by {@code clock}.
   *
   * @param clock the clock the store must use
   * @return the store
   */
  protected abstract Store createStore(Clock clock);

  /** Six participants. */
  @Override
  public int electionParticipants() {
    return 6;
  }

  /** 400 steps, about ten minutes of simulated time. */
  @Override
  public int electionFuzzSteps() {
    return 400;
  }

  /** 50 permits for each of the sixteen threads. */
  @Override
  public int semaphoreRoundsPerThread() {
    return 50;
  }

  @BeforeEach
  final void createSharedStore() {
    simulation = new Simulation(this::createStore);
  }

  @AfterEach
  final void closeResources() throws Exception {
    simulation.close();
  }

  @Override
  public final FakeTime time() {
    return simulation.time();
  }

  @Override
  public final Store store() {
    return simulation.store();
  }

  /** Its store is a {@link dev.leasehold.kv.testkit.FaultyStore} over the shared store. */
  @Override
  public final FakeProcess process(String owner) {
    return simulation.process(owner, permitOptions());
  }

  @Override
  public final Store realTimeStore() {
    return simulation.realTimeStore();
  }

  @Override
  public final <T extends AutoCloseable> T closeAfterTest(T resource) {
    return simulation.closeAfterTest(resource);
  }
}
