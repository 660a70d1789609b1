package dev.leasehold.benchmarks;

import dev.leasehold.kv.Store;
import dev.leasehold.kv.memory.MemoryStore;
import dev.leasehold.locks.Lease;
import dev.leasehold.locks.LockClient;
import dev.leasehold.locks.LockOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link LockClient} acquire and release on a {@link MemoryStore}: the cost of the lock layer itself (record
 * encoding, fencing, scheduling and cancelling the renewal and expiry of each lease) without any network.
 * Each thread takes a lock of its own, so the figure is the uncontended cycle and, with two threads, how it
 * scales.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class LockClientBenchmark {
  private static final LockOptions OPTIONS = LockOptions.lease(Duration.ofSeconds(30));

  private Store store;
  private LockClient locks;

  /** One lock name per benchmark thread. */
  @State(Scope.Thread)
  public static class Name {
    private static final AtomicInteger THREADS = new AtomicInteger();

    final String value = "locks/" + THREADS.incrementAndGet();
  }

  /** Creates the store and the lock client. */
  @Setup(Level.Trial)
  public void open() {
    store = MemoryStore.create();
    locks = LockClient.builder(store).owner("benchmark").build();
  }

  /** Closes the lock client and the store. */
  @TearDown(Level.Trial)
  public void close() {
    locks.close();
    store.close();
  }

  /**
   * Acquires the thread's lock and releases it.
   *
   * @param name the thread's lock
   * @return the fencing token, so the lease is used
   * @throws InterruptedException never: the lock is free
   */
  @Benchmark
  public long acquireRelease(Name name) throws InterruptedException {
    try (Lease lease = locks.acquire(name.value, OPTIONS)) {
      return lease.fencingToken();
    }
  }
}
