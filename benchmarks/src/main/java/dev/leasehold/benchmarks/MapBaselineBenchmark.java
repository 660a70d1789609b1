package dev.leasehold.benchmarks;

import static dev.leasehold.benchmarks.MemoryStoreBenchmark.KEYS;
import static dev.leasehold.benchmarks.MemoryStoreBenchmark.TTL;
import static dev.leasehold.benchmarks.MemoryStoreBenchmark.VALUE;
import static dev.leasehold.benchmarks.MemoryStoreBenchmark.key;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The work of {@link MemoryStoreBenchmark} done directly on a {@link ConcurrentHashMap} of versioned values:
 * the floor a map-backed store cannot beat.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class MapBaselineBenchmark {
  private final ConcurrentHashMap<String, Versioned> map = new ConcurrentHashMap<>();
  private final AtomicLong versions = new AtomicLong();
  private final Clock clock = Clock.systemUTC();

  /** A value with its version and expiry (epoch milliseconds, 0 for none), as the store keeps it. */
  record Versioned(byte[] value, long version, long expiresAt) {}

  /** Fills the map like the store. */
  @Setup(Level.Trial)
  public void fill() {
    for (int i = 0; i < KEYS; i++) {
      map.put(key(i), next());
    }
  }

  /**
   * Reads a random key.
   *
   * @return the value
   */
  @Benchmark
  public Object get() {
    return map.get(key(ThreadLocalRandom.current().nextInt(KEYS)));
  }

  /**
   * Overwrites a random key with a copied value and a new version.
   *
   * @return the previous value
   */
  @Benchmark
  public Object put() {
    return map.put(key(ThreadLocalRandom.current().nextInt(KEYS)), next());
  }

  /**
   * Overwrites a random key with a copied value, a new version and an expiry read from the clock.
   *
   * @return the previous value
   */
  @Benchmark
  public Object putWithTtl() {
    return map.put(key(ThreadLocalRandom.current().nextInt(KEYS)),
        new Versioned(VALUE.clone(), versions.incrementAndGet(), clock.millis() + TTL.toMillis()));
  }

  /**
   * Reads a random key and replaces it only if unchanged.
   *
   * @return whether it was replaced
   */
  @Benchmark
  public boolean compareAndSet() {
    String key = key(ThreadLocalRandom.current().nextInt(KEYS));
    Versioned current = map.get(key);
    return map.replace(key, current, next());
  }

  /**
   * Moves a value between two random keys under one lock after checking both, and bumps a counter.
   *
   * @return whether it was applied
   */
  @Benchmark
  public boolean commit() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int first = random.nextInt(KEYS);
    String from = key(first);
    String to = key((first + 1 + random.nextInt(KEYS - 1)) % KEYS);
    Versioned a = map.get(from);
    Versioned b = map.get(to);
    synchronized (this) {
      if (map.get(from) != a || map.get(to) != b) {
        return false;
      }
      map.put(from, next());
      map.put(to, next());
      map.merge("stats/commits", next(), (old, x) -> new Versioned(old.value(), x.version(), 0));
      return true;
    }
  }

  private Versioned next() {
    return new Versioned(VALUE.clone(), versions.incrementAndGet(), 0);
  }
}
