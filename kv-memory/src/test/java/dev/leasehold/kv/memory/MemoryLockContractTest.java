package dev.leasehold.kv.memory;

import dev.leasehold.kv.Store;
import dev.leasehold.locks.testkit.LockContract;
import java.time.Clock;

class MemoryLockContractTest extends LockContract {
  @Override
  protected Store createStore(Clock clock) {
    return MemoryStore.create(clock);
  }
}
