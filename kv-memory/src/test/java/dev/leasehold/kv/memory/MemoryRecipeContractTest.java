package dev.leasehold.kv.memory;

import dev.leasehold.kv.Store;
import dev.leasehold.locks.testkit.RecipeContract;
import java.time.Clock;

class MemoryRecipeContractTest extends RecipeContract {
  @Override
  protected Store createStore(Clock clock) {
    return MemoryStore.create(clock);
  }
}
