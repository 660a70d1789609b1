package dev.leasehold.kv.testkit;

import dev.leasehold.kv.Store;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The whole {@link Store} contract. A backend passes it by extending this class and creating a store:
 *
 * <pre>{@code
 * class MemoryStoreContractTest extends StoreContract {
 *   protected Store createStore(Clock clock) {
 *     return MemoryStore.create(clock);
 *   }
 * }
 * }</pre>
 *
 * <p>Each test gets a new, empty store whose expiry follows a {@link ManualClock}; stores of different tests
 * must not see each other's keys (a fresh bucket per test is enough).
 */
public abstract class StoreContract implements StoreFixture, BasicOperationsContract, VersionContract,
    ExpiryContract, ListContract, KeyContract, LimitsContract, AtomicContract, ConcurrencyContract,
    TypedStoreContract {
  private ManualClock clock;
  private Store store;

  /**
   * Creates an empty store, isolated from stores created for other tests, that judges expiry by
   * {@code clock}.
   *
   * @param clock the clock the store must use
   * @return the store
   */
  protected abstract Store createStore(Clock clock);

  @BeforeEach
  final void createStoreForTest() {
    clock = ManualClock.startingNow();
    store = createStore(clock);
  }

  @AfterEach
  final void closeStoreAfterTest() {
    store.close();
  }

  @Override
  public final Store store() {
    return store;
  }

  @Override
  public final ManualClock clock() {
    return clock;
  }
}
