package dev.leasehold.locks;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The acquisitions of one {@link LockClient} in progress, by lock name, so that a release in the same client
 * wakes them at once instead of leaving them to the end of their backoff.
 */
final class LocalWaiters {
  private final ConcurrentHashMap<String, Set<LockAcquisition>> byName = new ConcurrentHashMap<>();

  void add(String name, LockAcquisition acquisition) {
    byName.compute(name, (n, set) -> {
      Set<LockAcquisition> waiting = set == null ? ConcurrentHashMap.newKeySet() : set;
      waiting.add(acquisition);
      return waiting;
    });
  }

  void remove(String name, LockAcquisition acquisition) {
    byName.computeIfPresent(name, (n, set) -> {
      set.remove(acquisition);
      return set.isEmpty() ? null : set;
    });
  }

  void wake(String name) {
    Set<LockAcquisition> waiting = byName.get(name);
    if (waiting != null) {
      waiting.forEach(LockAcquisition::wake);
    }
  }
}
