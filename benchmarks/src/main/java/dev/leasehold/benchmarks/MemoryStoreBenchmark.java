package dev.leasehold.benchmarks;

import dev.leasehold.kv.Entry;
import dev.leasehold.kv.Store;
import dev.leasehold.kv.VersionMismatchException;
import dev.leasehold.kv.WriteOptions;
import dev.leasehold.kv.memory.MemoryStore;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 * {@link MemoryStore} operations. {@link MapBaselineBenchmark} does the equivalent work on a
 * {@code ConcurrentHashMap}, so the pair shows what versioning, expiry checks, validation and
 * all-or-nothing commits cost. Run with {@code -t 1} and {@code -t 2}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class MemoryStoreBenchmark {
  static final int KEYS = 10_000;
  static final byte[] VALUE = new byte[100];
  static final Duration TTL = Duration.ofMinutes(1);
  private static final WriteOptions EXPIRING = WriteOptions.ttl(TTL);

  private Store store;

  /** Fills the store so reads hit and writes replace. */
  @Setup(Level.Trial)
  public void fill() {
    store = MemoryStore.create();
    for (int i = 0; i < KEYS; i++) {
      store.put(key(i), VALUE);
    }
  }

  /** Releases the store. */
  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  /**
   * Reads a random key.
   *
   * @return the entry, so the read is not optimised away
   */
  @Benchmark
  public Object get() {
    return store.get(key(ThreadLocalRandom.current().nextInt(KEYS)));
  }

  /**
   * Overwrites a random key.
   *
   * @return the written entry
   */
  @Benchmark
  public Object put() {
    return store.put(key(ThreadLocalRandom.current().nextInt(KEYS)), VALUE);
  }

  /**
   * Overwrites a random key with an entry that expires: every lease record is written this way.
   *
   * @return the written entry
   */
  @Benchmark
  public Object putWithTtl() {
    return store.put(key(ThreadLocalRandom.current().nextInt(KEYS)), VALUE, EXPIRING);
  }

  /**
   * Reads a random key and writes it back with compare-and-set; a lost race counts as an operation.
   *
   * @return the written entry, or the conflict
   */
  @Benchmark
  public Object compareAndSet() {
    String key = key(ThreadLocalRandom.current().nextInt(KEYS));
    Entry current = store.get(key).orElseThrow();
    try {
      return store.update(key, VALUE, current.version());
    } catch (VersionMismatchException conflict) {
      return conflict;
    }
  }

  /**
   * Atomically moves a value between two random keys, checking both versions, and bumps a counter.
   *
   * @return the commit result
   */
  @Benchmark
  public Object commit() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int first = random.nextInt(KEYS);
    String from = key(first);
    String to = key((first + 1 + random.nextInt(KEYS - 1)) % KEYS);
    Entry a = store.get(from).orElseThrow();
    Entry b = store.get(to).orElseThrow();
    return store.atomic()
        .check(from, a.version()).set(from, VALUE)
        .check(to, b.version()).set(to, VALUE)
        .sum("stats/commits", 1)
        .commit();
  }

  static String key(int i) {
    return "bench/" + i;
  }
}
