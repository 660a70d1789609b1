package dev.leasehold.kv;

import dev.leasehold.kv.codec.Codec;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A {@link Store} seen through a {@link Codec}: typed reads and writes, and optimistic read-modify-write.
 * Thread-safe when the codec is.
 *
 * <pre>{@code
 * TypedStore<Account> accounts = TypedStore.of(store, JsonCodec.of(Account.class));
 * Versioned<Account> v = accounts.update("account/alice", a -> a.withBalance(a.balance() - 10));
 * }</pre>
 *
 * <p>Exceptions are those of the underlying store, plus {@link dev.leasehold.kv.codec.CodecException} when a
 * value cannot be encoded or decoded.
 *
 * @param <T> the value type
 */
public final class TypedStore<T> {
  /** Attempts {@link #update(String, UnaryOperator)} makes unless configured otherwise. */
  public static final int DEFAULT_MAX_ATTEMPTS = 10;

  /** Backoff between conflicting attempts unless configured otherwise. */
  public static final Backoff DEFAULT_BACKOFF = Backoff.exponential(Duration.ofMillis(2), Duration.ofMillis(200));

  private final Store store;
  private final Codec<T> codec;
  private final int maxAttempts;
  private final Retry retry;

  private TypedStore(Builder<T> builder) {
    this.store = builder.store;
    this.codec = builder.codec;
    this.maxAttempts = builder.maxAttempts;
    this.retry = Retry.of("leasehold-update", RetryConfig.custom()
        .maxAttempts(builder.maxAttempts)
        .intervalFunction(builder.backoff.intervalFunction())
        .retryExceptions(VersionMismatchException.class)
        .failAfterMaxAttempts(false)
        .build());
  }

  /**
   * A typed view with the default retry policy.
   *
   * @param store the store
   * @param codec the codec
   * @param <T> the value type
   * @return the typed store
   */
  public static <T> TypedStore<T> of(Store store, Codec<T> codec) {
    return builder(store, codec).build();
  }

  /**
   * A builder for a typed view with a custom retry policy.
   *
   * @param store the store
   * @param codec the codec
   * @param <T> the value type
   * @return the builder
   */
  public static <T> Builder<T> builder(Store store, Codec<T> codec) {
    return new Builder<>(store, codec);
  }

  /**
   * The underlying store.
   *
   * @return the store
   */
  public Store store() {
    return store;
  }

  /**
   * Reads and decodes a key (strongly consistent).
   *
   * @param key the key
   * @return the value with its version, or empty when the key has no live entry
   */
  public Optional<Versioned<T>> get(String key) {
    return store.get(key).map(this::decode);
  }

  /**
   * Writes a value whatever the key's state; see {@link Store#put}.
   *
   * @param key the key
   * @param value the value
   * @param options the expiry
   * @return the written value with its new version
   */
  public Versioned<T> put(String key, T value, WriteOptions options) {
    return versioned(store.put(key, codec.encode(value), options), value);
  }

  /**
   * Writes a value without expiry whatever the key's state.
   *
   * @param key the key
   * @param value the value
   * @return the written value with its new version
   */
  public Versioned<T> put(String key, T value) {
    return put(key, value, WriteOptions.none());
  }

  /**
   * Writes a value only if the key has no live entry; see {@link Store#create}.
   *
   * @param key the key
   * @param value the value
   * @param options the expiry
   * @return the written value with its version
   * @throws KeyExistsException if the key has a live entry
   */
  public Versioned<T> create(String key, T value, WriteOptions options) {
    return versioned(store.create(key, codec.encode(value), options), value);
  }

  /**
   * Writes a value without expiry only if the key has no live entry.
   *
   * @param key the key
   * @param value the value
   * @return the written value with its version
   * @throws KeyExistsException if the key has a live entry
   */
  public Versioned<T> create(String key, T value) {
    return create(key, value, WriteOptions.none());
  }

  /**
   * Replaces a value only at the expected version, keeping the expiry; see {@link Store#update}.
   *
   * @param key the key
   * @param value the new value
   * @param expectedVersion the version the live entry must have
   * @return the written value with its new version
   * @throws VersionMismatchException if the entry has another version
   * @throws KeyNotFoundException if the key has no live entry
   */
  public Versioned<T> update(String key, T value, long expectedVersion) {
    return versioned(store.update(key, codec.encode(value), expectedVersion), value);
  }

  /**
   * Applies {@code fn} to the current value and writes the result with compare-and-set, keeping the
   * entry's expiry; see {@link #update(String, UnaryOperator, WriteOptions)}.
   *
   * @param key the key
   * @param fn computes the new value from the current one; may run several times; must not return null
   * @return the written value with its new version
   * @throws KeyNotFoundException if the key has no live entry (on the first read or a later attempt)
   * @throws RetriesExhaustedException if every allowed attempt lost to a concurrent write
   */
  public Versioned<T> update(String key, UnaryOperator<T> fn) {
    return update(key, fn, WriteOptions.keepTtl());
  }

  /**
   * Applies {@code fn} to the current value and writes the result with compare-and-set. On a conflict it
   * waits with exponential backoff and full jitter, then applies {@code fn} again to the entry the conflict
   * reported, without another read, up to the configured number of attempts.
   *
   * @param key the key
   * @param fn computes the new value from the current one; may run several times; must not return null
   * @param options the expiry of the written entry
   * @return the written value with its new version
   * @throws KeyNotFoundException if the key has no live entry (on the first read or a later attempt)
   * @throws RetriesExhaustedException if every allowed attempt lost to a concurrent write
   * @throws NullPointerException if {@code fn} returns null
   */
  public Versioned<T> update(String key, UnaryOperator<T> fn, WriteOptions options) {
    Objects.requireNonNull(fn, "fn");
    Objects.requireNonNull(options, "options");
    AtomicReference<Entry> seen = new AtomicReference<>(
        store.get(key).orElseThrow(() -> new KeyNotFoundException(key)));
    AtomicInteger attempts = new AtomicInteger();
    try {
      return retry.executeSupplier(() -> {
        attempts.incrementAndGet();
        Entry current = seen.get();
        T next = Objects.requireNonNull(fn.apply(codec.decode(current.value())), "update function returned null");
        try {
          return versioned(store.update(key, codec.encode(next), current.version(), options), next);
        } catch (VersionMismatchException conflict) {
          seen.set(conflict.current().orElseThrow());
          throw conflict;
        }
      });
    } catch (VersionMismatchException lastConflict) {
      throw new RetriesExhaustedException(key, attempts.get(), lastConflict);
    }
  }

  /**
   * Deletes a key whatever its state.
   *
   * @param key the key
   * @return true if a live entry was deleted
   */
  public boolean delete(String key) {
    return store.delete(key);
  }

  private Versioned<T> decode(Entry entry) {
    return versioned(entry, codec.decode(entry.value()));
  }

  private static <T> Versioned<T> versioned(Entry entry, T value) {
    return new Versioned<>(entry.key(), value, entry.version(), entry.expiresAt());
  }

  @Override
  public String toString() {
    return "TypedStore[" + codec + ", maxAttempts=" + maxAttempts + "]";
  }

  /**
   * Builds a {@link TypedStore}.
   *
   * @param <T> the value type
   */
  public static final class Builder<T> {
    private final Store store;
    private final Codec<T> codec;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Backoff backoff = DEFAULT_BACKOFF;

    private Builder(Store store, Codec<T> codec) {
      this.store = Objects.requireNonNull(store, "store");
      this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * Sets how many attempts an optimistic update makes before giving up.
     *
     * @param maxAttempts at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maxAttempts} is less than 1
     */
    public Builder<T> maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the wait between conflicting attempts.
     *
     * @param backoff the backoff
     * @return this builder
     */
    public Builder<T> backoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /**
     * Builds the typed store.
     *
     * @return the typed store
     */
    public TypedStore<T> build() {
      return new TypedStore<>(this);
    }
  }
}
