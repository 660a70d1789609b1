package dev.leasehold.locks.testkit;

import dev.leasehold.kv.Store;
import dev.leasehold.kv.testkit.FaultyStore;
import dev.leasehold.locks.LockClient;
import dev.leasehold.locks.LockOptions;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;

/**
 * What one contract test runs in: {@link FakeTime}, a store on it shared by simulated processes, a store on
 * the system clock created on first use, and the resources to close after the test, in reverse order of
 * registration.
 */
final class Simulation implements AutoCloseable {
  private final Function<Clock, Store> stores;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final FakeTime time = FakeTime.startingNow();
  private final Store store;
  private Store realTimeStore;

  /** @param stores creates an empty, isolated store judging expiry by the given clock */
  Simulation(Function<Clock, Store> stores) {
    this.stores = stores;
    this.store = closeAfterTest(stores.apply(time.clock()));
  }

  FakeTime time() {
    return time;
  }

  Store store() {
    return store;
  }

  /** Its store is a {@link FaultyStore} over the shared store, left open: the shared store is closed last. */
  FakeProcess process(String owner, LockOptions defaults) {
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

  Store realTimeStore() {
    if (realTimeStore == null) {
      realTimeStore = closeAfterTest(stores.apply(Clock.systemUTC()));
    }
    return realTimeStore;
  }

  <T extends AutoCloseable> T closeAfterTest(T resource) {
    resources.push(resource);
    return resource;
  }

  /** Closes every resource, even when some fail; throws the first failure with the others suppressed. */
  @Override
  public void close() throws Exception {
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
}
