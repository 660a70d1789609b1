package dev.leasehold.locks.testkit;

import dev.leasehold.kv.testkit.FaultyStore;
import dev.leasehold.locks.LockClient;
import java.util.concurrent.TimeUnit;
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
public abstract class LockContract extends SimulatedContract implements LockFixture, AcquisitionContract,
    CancellationContract, TakeoverContract, FencingContract, RenewalContract, ReleaseContract,
    MutualExclusionContract, ScaleContract {
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

  /** Its store is a {@link FaultyStore} over the shared store, left open: the shared store is closed last. */
  @Override
  public final FakeProcess process(String owner) {
    return process(owner, options());
  }
}
