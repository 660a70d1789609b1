package dev.leasehold.locks.testkit;

import dev.leasehold.kv.Store;
import dev.leasehold.kv.testkit.FaultyStore;
import dev.leasehold.locks.LockClient;
import dev.leasehold.locks.LockOptions;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What each test of a lock or recipe contract runs in: {@link FakeTime}, a store on it shared by simulated
 * processes, a store on the system clock created on first use, and the resources to close after the test, in
 * reverse order of registration.
 */
abstract class SimulatedContract {
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private FakeTime time;
  private Store store;
  private Store realTimeStore;

  /**
   * Creates an empty store, isolated from stores created for other tests and from the other store of the
   * same test, that judges expiry by {@code clock}.
   *
   * @param clock the clock the store must use
   * @return the store
   */
  protected abstract Store createStore(Clock clock);

  @BeforeEach
  final void createSharedStore() {
    time = FakeTime.startingNow();
    store = closeAfterTest(createStore(time.clock()));
  }

  @AfterEach
  final void closeResources() throws Exception {
    Exception failure = null;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * The time every simulated process and the shared store run on.
   *
   * @return the fake time
   */
  public final FakeTime time() {
    return time;
  }

  /**
   * The store shared by the simulated processes, as the test sees it: no faults, not counted.
   *
   * @return the store
   */
  public final Store store() {
    return store;
  }

  /**
   * A store on the system clock, for tests with real threads and real time; the same store for the whole
   * test, closed after it.
   *
   * @return the store
   */
  public final Store realTimeStore() {
    if (realTimeStore == null) {
      realTimeStore = closeAfterTest(createStore(Clock.systemUTC()));
    }
    return realTimeStore;
  }

  /**
   * Closes a resource after the test, in reverse order of registration.
   *
   * @param resource the resource
   * @param <T> its type
   * @return the resource
   */
  public final <T extends AutoCloseable> T closeAfterTest(T resource) {
    resources.push(resource);
    return resource;
  }

  /** Its store is a {@link FaultyStore} over the shared store, left open: the shared store is closed last. */
  final FakeProcess process(String owner, LockOptions defaults) {
    FakeScheduler scheduler = time.newScheduler();
    FaultyStore connection = FaultyStore.wrap(store);
    LockClient locks = closeAfterTest(LockClient.builder(connection)
        .owner(owner)
        .defaults(defaults)
        .clock(time.clock())
        .ticker(time.ticker())
        .scheduler(scheduler)
        .callbackExecutor(scheduler)
        .build());
    return new FakeProcess(owner, locks, scheduler, connection);
  }
}
