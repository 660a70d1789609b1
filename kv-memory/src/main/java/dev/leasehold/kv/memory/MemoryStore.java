package dev.leasehold.kv.memory;

import dev.leasehold.kv.CommitResult;
import dev.leasehold.kv.Entry;
import dev.leasehold.kv.KeyExistsException;
import dev.leasehold.kv.KeyNotFoundException;
import dev.leasehold.kv.Page;
import dev.leasehold.kv.ReadOptions;
import dev.leasehold.kv.Store;
import dev.leasehold.kv.VersionMismatchException;
import dev.leasehold.kv.WriteOptions;
import dev.leasehold.kv.spi.AbstractStore;
import dev.leasehold.kv.spi.KeyAction;
import dev.leasehold.kv.spi.Mutation;
import dev.leasehold.kv.spi.PageCursor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A complete {@link Store} in memory, for tests and single-process use. Thread-safe; every operation,
 * including an atomic commit, is atomic with respect to all others, and reads (including {@code getAll})
 * see a consistent snapshot.
 *
 * <p>Versions come from one counter shared by all keys, so they never repeat, not even across delete and
 * re-create. Expiry is judged by the injected clock on every read, listing, condition and commit; expired
 * entries are dropped lazily as later writes pass by, with no background thread.
 */
public final class MemoryStore extends AbstractStore {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final TreeMap<String, Entry> entries = new TreeMap<>(KeyOrder.INSTANCE);
  /** The entries that expire, soonest first; one per key at most, so dropping expired ones is cheap. */
  private final TreeSet<Entry> expiries = new TreeSet<>(
      Comparator.<Entry, Instant>comparing(e -> e.expiresAt().orElseThrow())
          .thenComparing(Entry::key, KeyOrder.INSTANCE));
  private long lastVersion;

  private MemoryStore(Clock clock) {
    super(clock);
  }

  /**
   * An empty store whose expiry follows the system clock.
   *
   * @return the store
   */
  public static MemoryStore create() {
    return new MemoryStore(Clock.systemUTC());
  }

  /**
   * An empty store whose expiry follows {@code clock}; tests pass a clock they control.
   *
   * @param clock the clock that judges expiry
   * @return the store
   */
  public static MemoryStore create(Clock clock) {
    return new MemoryStore(Objects.requireNonNull(clock, "clock"));
  }

  @Override
  protected Optional<Entry> doGet(String key, ReadOptions options) {
    return read(() -> Optional.ofNullable(live(key, now())));
  }

  @Override
  protected Map<String, Entry> doGetAll(List<String> keys) {
    return read(() -> {
      Instant now = now();
      Map<String, Entry> found = new HashMap<>();
      for (String key : keys) {
        Entry entry = live(key, now);
        if (entry != null) {
          found.put(key, entry);
        }
      }
      return found;
    });
  }

  @Override
  protected boolean doExists(String key) {
    return read(() -> live(key, now()) != null);
  }

  @Override
  protected Entry doPut(String key, byte[] value, WriteOptions options) {
    return write(() -> {
      Instant now = now();
      return store(key, value, options, live(key, now), now);
    });
  }

  @Override
  protected Entry doCreate(String key, byte[] value, WriteOptions options) {
    return write(() -> {
      Instant now = now();
      Entry current = live(key, now);
      if (current != null) {
        throw new KeyExistsException(key, current);
      }
      return store(key, value, options, null, now);
    });
  }

  @Override
  protected Entry doUpdate(String key, byte[] value, long expectedVersion, WriteOptions options) {
    return write(() -> {
      Instant now = now();
      return store(key, value, options, requireVersion(key, expectedVersion, now), now);
    });
  }

  @Override
  protected boolean doDelete(String key) {
    return write(() -> {
      Entry removed = remove(key);
      return removed != null && isLive(removed, now());
    });
  }

  @Override
  protected void doDelete(String key, long expectedVersion) {
    write(() -> {
      requireVersion(key, expectedVersion, now());
      return remove(key);
    });
  }

  @Override
  protected Page doList(String prefix, Optional<String> after, int limit, boolean reverse) {
    return read(() -> {
      NavigableMap<String, Entry> range = range(prefix);
      if (after.isPresent()) {
        range = reverse ? range.headMap(after.get(), false) : range.tailMap(after.get(), false);
      }
      if (reverse) {
        range = range.descendingMap();
      }
      Instant now = now();
      List<Entry> page = new ArrayList<>(Math.min(limit, 64));
      for (Entry entry : range.values()) {
        if (!isLive(entry, now)) {
          continue;
        }
        if (page.size() == limit) {
          return new Page(page, Optional.of(PageCursor.encode(page.get(limit - 1).key())));
        }
        page.add(entry);
      }
      return new Page(page, Optional.empty());
    });
  }

  @Override
  protected CommitResult doCommit(List<KeyAction> actions) {
    return write(() -> {
      Instant now = now();
      Map<String, Entry> current = new HashMap<>();
      List<CommitResult.Conflict> conflicts = new ArrayList<>();
      for (KeyAction action : actions) {
        Entry entry = live(action.key(), now);
        current.put(action.key(), entry);
        if (action.check().isPresent() && !action.check().get().test(entry)) {
          conflicts.add(new CommitResult.Conflict(action.key(), Optional.ofNullable(entry)));
        }
      }
      if (!conflicts.isEmpty()) {
        return CommitResult.rejected(conflicts);
      }
      // Compute every new entry before changing anything, so a failing counter leaves no trace.
      Map<String, Entry> writes = new LinkedHashMap<>();
      for (KeyAction action : actions) {
        String key = action.key();
        Entry entry = current.get(key);
        Mutation mutation = action.mutation().orElse(null);
        if (mutation instanceof Mutation.SetValue set) {
          writes.put(key, Entry.of(key, set.value(), nextVersion(), expiry(set.options(), entry, now)));
        } else if (mutation instanceof Mutation.CounterMutation counter) {
          writes.put(key, Entry.counter(key, counter.apply(key, entry), nextVersion()));
        } else if (mutation instanceof Mutation.Delete) {
          writes.put(key, null);
        }
      }
      writes.forEach((key, entry) -> {
        if (entry == null) {
          remove(key);
        } else {
          put(entry);
        }
      });
      return CommitResult.committed();
    });
  }

  private Entry requireVersion(String key, long expectedVersion, Instant now) {
    Entry current = live(key, now);
    if (current == null) {
      throw new KeyNotFoundException(key);
    }
    if (current.version() != expectedVersion) {
      throw new VersionMismatchException(key, expectedVersion, current);
    }
    return current;
  }

  private Entry store(String key, byte[] value, WriteOptions options, Entry current, Instant now) {
    Entry entry = Entry.of(key, value, nextVersion(), expiry(options, current, now));
    put(entry);
    return entry;
  }

  private void put(Entry entry) {
    unindex(entries.put(entry.key(), entry));
    if (entry.expiresAt().isPresent()) {
      expiries.add(entry);
    }
  }

  private Entry remove(String key) {
    Entry removed = entries.remove(key);
    unindex(removed);
    return removed;
  }

  private void unindex(Entry replaced) {
    if (replaced != null && replaced.expiresAt().isPresent()) {
      expiries.remove(replaced);
    }
  }

  private static Optional<Instant> expiry(WriteOptions options, Entry current, Instant now) {
    if (options.keepsTtl()) {
      return current == null ? Optional.empty() : current.expiresAt();
    }
    return options.expiryAt(now);
  }

  private long nextVersion() {
    return ++lastVersion;
  }

  private NavigableMap<String, Entry> range(String prefix) {
    if (prefix.isEmpty()) {
      return entries;
    }
    String end = KeyOrder.successor(prefix);
    return end == null ? entries.tailMap(prefix, true) : entries.subMap(prefix, true, end, false);
  }

  private Entry live(String key, Instant now) {
    Entry entry = entries.get(key);
    return entry != null && isLive(entry, now) ? entry : null;
  }

  private static boolean isLive(Entry entry, Instant now) {
    return entry.expiresAt().map(now::isBefore).orElse(true);
  }

  private Instant now() {
    return clock().instant();
  }

  private <T> T read(Supplier<T> action) {
    lock.readLock().lock();
    try {
      return action.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  private <T> T write(Supplier<T> action) {
    lock.writeLock().lock();
    try {
      dropExpired();
      return action.get();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Forgets entries whose expiry has passed, so expired keys do not accumulate. */
  private void dropExpired() {
    Instant now = now();
    while (!expiries.isEmpty() && !isLive(expiries.first(), now)) {
      entries.remove(expiries.pollFirst().key());
    }
  }

  @Override
  public String toString() {
    return read(() -> "MemoryStore[" + entries.size() + " keys]");
  }
}
