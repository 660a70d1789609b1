package dev.leasehold.locks.testkit;

import dev.leasehold.kv.Store;
import dev.leasehold.kv.testkit.FaultyStore;
import dev.leasehold.locks.LockClient;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * The whole lock contract: every behaviour of {@link LockClient} and its leases that a backend must support.
 * A backend passes it by extending this class and creating stores:
 *
 * <pre>{@code
 * class MemoryLockContractTest extends LockContract {
 *   protected Store createStore(Clock clock) {
 *     return MemoryStore.create(clock);
 *   }
 * }
 * }</pre>
 *
 * <p>Most tests run on {@link FakeTime}: simulated processes share one store whose expiry follows the fake
 * wall clock, and their renewals, waits and expiries happen exactly when the test advances time. The
 * mutual exclusion fuzz, the scale test and the cancellation race use real threads and the system clock,
 * and wait for conditions with deadlines, never for fixed sleeps. A slow backend may make the heavier tests
 * smaller by overriding {@link #fuzzRoundsPerThread()} and {@link #manyLeases()}; a backend serving about a
 * thousand requests a second (DynamoDB Local) wants a few hundred leases at most.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class LockContract implements LockFixture, AcquisitionContract, CancellationContract,
    TakeoverContract, FencingContract, RenewalContract, ReleaseContract, MutualExclusionContract, ScaleContract {
  private Simulation simulation;

  /**
   * Creates an empty store, isolated from stores created for other tests and from the other store of the
   * same test, that judges expiry by {@code clock}.
   *
   * @param clock the clock the store must use
   * @return the store
   */
  protected abstract Store createStore(Clock clock);

  /** 100 rounds for each of the sixteen threads. */
  @Override
  public int fuzzRoundsPerThread() {
    return 100;
  }

  /** 5,000 leases. */
  @Override
  public int manyLeases() {
    return 5_000;
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

  /** Its store is a {@link FaultyStore} over the shared store, left open: the shared store is closed last. */
  @Override
  public final FakeProcess process(String owner) {
    return simulation.process(owner, options());
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
