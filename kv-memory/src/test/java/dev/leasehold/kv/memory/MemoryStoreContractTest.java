package dev.leasehold.kv.memory;

import dev.leasehold.kv.Store;
import dev.leasehold.kv.testkit.StoreContract;
import java.time.Clock;

class MemoryStoreContractTest extends StoreContract {
  @Override
  protected Store createStore(Clock clock) {
    return MemoryStore.create(clock);
  }
}
