package dev.leasehold.kv.testkit;

import dev.leasehold.kv.AtomicOperation;
import dev.leasehold.kv.CommitResult;
import dev.leasehold.kv.Entry;
import dev.leasehold.kv.ListOptions;
import dev.leasehold.kv.Page;
import dev.leasehold.kv.ReadOptions;
import dev.leasehold.kv.Store;
import dev.leasehold.kv.StoreUnavailableException;
import dev.leasehold.kv.WriteOptions;
import dev.leasehold.kv.spi.Check;
import dev.leasehold.kv.spi.KeyAction;
import dev.leasehold.kv.spi.Mutation;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A {@link Store} wrapper that counts the requests passing through it and makes chosen operations fail the
 * way a network does: before the request reaches the store (nothing applied), or after the store applied it
 * (the answer is lost, so the caller cannot tell). Both throw {@link StoreUnavailableException}, as a
 * backend's timeout would. It can also make an answer slow, running an action (typically moving fake time)
 * between the store applying a request and the caller getting the answer. Thread-safe.
 *
 * <pre>{@code
 * FaultyStore store = FaultyStore.wrap(MemoryStore.create(clock));
 * store.failNext(FaultyStore.Operation.UPDATE, FaultyStore.Fault.AFTER_APPLYING);
 * }</pre>
 *
 * <p>A fault replaces only a successful answer: an operation that fails by itself (a failed condition, bad
 * input) still throws its own exception, also while faults are set. Closing the wrapper closes the store.
 */
public final class FaultyStore implements Store {

  /** The operations that can be counted and failed; one per {@link Store} method. */
  public enum Operation {
    /** {@link Store#get(String, ReadOptions)}. */
    GET,
    /** {@link Store#getAll(Collection)}. */
    GET_ALL,
    /** {@link Store#put(String, byte[], WriteOptions)}. */
    PUT,
    /** {@link Store#create(String, byte[], WriteOptions)}. */
    CREATE,
    /** {@link Store#update(String, byte[], long, WriteOptions)}. */
    UPDATE,
    /** {@link Store#delete(String)}. */
    DELETE,
    /** {@link Store#delete(String, long)}. */
    COMPARE_AND_DELETE,
    /** {@link Store#exists(String)}. */
    EXISTS,
    /** {@link Store#list(String, ListOptions)}. */
    LIST,
    /** {@link AtomicOperation#commit()}. */
    COMMIT
  }

  /** When an injected failure strikes. */
  public enum Fault {
    /** The request is lost on its way: the store never sees it. */
    BEFORE_APPLYING,
    /** The store applies the request, then its answer is lost. */
    AFTER_APPLYING
  }

  private final Store store;
  private final Map<Operation, AtomicLong> requests = new EnumMap<>(Operation.class);
  private final Map<Operation, Plan> plans = new EnumMap<>(Operation.class);
  private final Map<Operation, Runnable> delays = new EnumMap<>(Operation.class);

  private FaultyStore(Store store) {
    this.store = store;
    for (Operation operation : Operation.values()) {
      requests.put(operation, new AtomicLong());
    }
  }

  /**
   * Wraps a store, with no faults set.
   *
   * @param store the store that applies the requests
   * @return the wrapper
   * @throws NullPointerException if {@code store} is null
   */
  public static FaultyStore wrap(Store store) {
    return new FaultyStore(Objects.requireNonNull(store, "store"));
  }

  /**
   * Fails the next request of {@code operation}.
   *
   * @param operation the operation to fail
   * @param fault when it fails
   * @return this wrapper
   */
  public FaultyStore failNext(Operation operation, Fault fault) {
    return failNext(operation, fault, 1);
  }

  /**
   * Fails the next {@code times} requests of {@code operation}, replacing any fault set for it before.
   *
   * @param operation the operation to fail
   * @param fault when they fail
   * @param times how many requests fail, positive
   * @return this wrapper
   * @throws IllegalArgumentException if {@code times} is not positive
   */
  public FaultyStore failNext(Operation operation, Fault fault, int times) {
    if (times <= 0) {
      throw new IllegalArgumentException("times must be positive, was " + times);
    }
    return plan(operation, new Plan(Objects.requireNonNull(fault, "fault"), times));
  }

  /**
   * Fails every request of {@code operation} until {@link #heal()}.
   *
   * @param operation the operation to fail
   * @param fault when they fail
   * @return this wrapper
   */
  public FaultyStore failAlways(Operation operation, Fault fault) {
    return plan(operation, new Plan(Objects.requireNonNull(fault, "fault"), -1));
  }

  /**
   * Makes the answer to the next request of {@code operation} slow: {@code delay} runs in the requesting
   * thread after the store applied the request, before the answer is returned or a fault strikes.
   *
   * @param operation the operation to slow down
   * @param delay what happens while the answer travels, such as moving fake time
   * @return this wrapper
   */
  public FaultyStore delayNext(Operation operation, Runnable delay) {
    synchronized (plans) {
      delays.put(Objects.requireNonNull(operation, "operation"), Objects.requireNonNull(delay, "delay"));
    }
    return this;
  }

  /**
   * Removes every fault and delay.
   *
   * @return this wrapper
   */
  public FaultyStore heal() {
    synchronized (plans) {
      plans.clear();
      delays.clear();
    }
    return this;
  }

  /**
   * How many requests of {@code operation} were made through this wrapper, failed ones included.
   *
   * @param operation the operation
   * @return the count
   */
  public long requests(Operation operation) {
    return requests.get(operation).get();
  }

  /**
   * How many requests of any operation were made through this wrapper, failed ones included.
   *
   * @return the count
   */
  public long requests() {
    return requests.values().stream().mapToLong(AtomicLong::get).sum();
  }

  @Override
  public Optional<Entry> get(String key, ReadOptions options) {
    return call(Operation.GET, key, () -> store.get(key, options));
  }

  @Override
  public Map<String, Entry> getAll(Collection<String> keys) {
    return call(Operation.GET_ALL, keys.size() + " keys", () -> store.getAll(keys));
  }

  @Override
  public Entry put(String key, byte[] value, WriteOptions options) {
    return call(Operation.PUT, key, () -> store.put(key, value, options));
  }

  @Override
  public Entry create(String key, byte[] value, WriteOptions options) {
    return call(Operation.CREATE, key, () -> store.create(key, value, options));
  }

  @Override
  public Entry update(String key, byte[] value, long expectedVersion, WriteOptions options) {
    return call(Operation.UPDATE, key, () -> store.update(key, value, expectedVersion, options));
  }

  @Override
  public boolean delete(String key) {
    return call(Operation.DELETE, key, () -> store.delete(key));
  }

  @Override
  public void delete(String key, long expectedVersion) {
    call(Operation.COMPARE_AND_DELETE, key, () -> {
      store.delete(key, expectedVersion);
      return null;
    });
  }

  @Override
  public boolean exists(String key) {
    return call(Operation.EXISTS, key, () -> store.exists(key));
  }

  @Override
  public Page list(String prefix, ListOptions options) {
    return call(Operation.LIST, prefix, () -> store.list(prefix, options));
  }

  @Override
  public AtomicOperation atomic() {
    return AtomicOperation.forCommitter(actions -> call(Operation.COMMIT, actions.size() + " keys",
        () -> replay(actions)));
  }

  @Override
  public void close() {
    store.close();
  }

  @Override
  public String toString() {
    return "FaultyStore[" + store + "]";
  }

  /** Submits the validated actions of a commit to the wrapped store as one commit of its own. */
  private CommitResult replay(List<KeyAction> actions) {
    AtomicOperation commit = store.atomic();
    for (KeyAction action : actions) {
      String key = action.key();
      action.check().ifPresent(check -> {
        if (check instanceof Check.HasVersion hasVersion) {
          commit.check(key, hasVersion.version());
        } else {
          commit.checkAbsent(key);
        }
      });
      action.mutation().ifPresent(mutation -> {
        if (mutation instanceof Mutation.SetValue set) {
          commit.set(key, set.value(), set.options());
        } else if (mutation instanceof Mutation.Delete) {
          commit.delete(key);
        } else if (mutation instanceof Mutation.Sum sum) {
          commit.sum(key, sum.operand());
        } else if (mutation instanceof Mutation.Min min) {
          commit.min(key, min.operand());
        } else if (mutation instanceof Mutation.Max max) {
          commit.max(key, max.operand());
        }
      });
    }
    return commit.commit();
  }

  private FaultyStore plan(Operation operation, Plan plan) {
    synchronized (plans) {
      plans.put(Objects.requireNonNull(operation, "operation"), plan);
    }
    return this;
  }

  private <T> T call(Operation operation, String target, Supplier<T> request) {
    requests.get(operation).incrementAndGet();
    if (strikes(operation, Fault.BEFORE_APPLYING)) {
      throw injected(operation, target, false);
    }
    T answer;
    try {
      answer = request.get();
    } finally {
      Runnable delay;
      synchronized (plans) {
        delay = delays.remove(operation);
      }
      if (delay != null) {
        delay.run();
      }
    }
    if (strikes(operation, Fault.AFTER_APPLYING)) {
      throw injected(operation, target, true);
    }
    return answer;
  }

  /** Whether a fault of this kind is set for the operation; counts it as used if so. */
  private boolean strikes(Operation operation, Fault fault) {
    synchronized (plans) {
      Plan plan = plans.get(operation);
      if (plan == null || plan.fault != fault) {
        return false;
      }
      if (plan.remaining > 0 && --plan.remaining == 0) {
        plans.remove(operation);
      }
      return true;
    }
  }

  private static StoreUnavailableException injected(Operation operation, String target, boolean applied) {
    return new StoreUnavailableException("injected fault: " + operation + " of '" + target + "' "
        + (applied ? "was applied but its answer was lost" : "was lost before reaching the store"),
        new TimeoutException("injected by FaultyStore"));
  }

  /** A fault and how many more requests it strikes; negative for every request. */
  private static final class Plan {
    private final Fault fault;
    private int remaining;

    private Plan(Fault fault, int remaining) {
      this.fault = fault;
      this.remaining = remaining;
    }
  }
}
