package dev.leasehold.locks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leasehold.kv.Entry;
import dev.leasehold.kv.Limits;
import dev.leasehold.kv.Store;
import dev.leasehold.locks.Lease;
import dev.leasehold.locks.LockClient;
import dev.leasehold.locks.LockOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Many leases, few threads: one client holds {@link #manyLeases()} leases at once and renews every one of
 * them on its default scheduler, without a thread per lease.
 */
public interface ScaleContract extends LockFixture {
  /** More threads than this would mean renewals are not sharing a small pool. */
  int MAX_NEW_THREADS = 8;

  @Test
  default void thousandsOfLeasesAreRenewedByAHandfulOfThreads() {
    Store store = realTimeStore();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int threadsBefore = threads.getThreadCount();
    LockClient locks = closeAfterTest(LockClient.builder(store).owner("many").build());
    LockOptions options = LockOptions.lease(Duration.ofSeconds(5));
    Map<String, Lease> unrenewed = new HashMap<>();
    List<Lease> leases = new ArrayList<>();

    for (int i = 0; i < manyLeases(); i++) {
      Lease lease = locks.tryAcquire("many/" + i, options).lease().orElseThrow();
      leases.add(lease);
      unrenewed.put(lease.name(), lease);
    }
    Await.until("every lease to be renewed", Duration.ofSeconds(60), () -> {
      for (Lease lease : leases) {
        if (!lease.isValid()) {
          throw new AssertionError(lease + " ended before every lease was renewed");
        }
      }
      List<String> names = List.copyOf(unrenewed.keySet());
      for (int from = 0; from < names.size(); from += Limits.MAX_BATCH_KEYS) {
        List<String> batch = names.subList(from, Math.min(names.size(), from + Limits.MAX_BATCH_KEYS));
        Map<String, Entry> records = store.getAll(batch);
        records.forEach((name, record) -> {
          if (record.version() > unrenewed.get(name).fencingToken()) {
            unrenewed.remove(name);
          }
        });
      }
      return unrenewed.isEmpty();
    });

    assertThat(leases).allSatisfy(lease -> assertThat(lease.isValid()).as(lease.name()).isTrue());
    assertThat(threads.getThreadCount() - threadsBefore).isLessThanOrEqualTo(MAX_NEW_THREADS);
  }
}
