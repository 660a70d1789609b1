package dev.leasehold.kv.spi;

import dev.leasehold.kv.CounterException;
import dev.leasehold.kv.Entry;
import dev.leasehold.kv.WriteOptions;

/** A change an atomic commit makes to one key. Every mutated key gets a new version. */
public sealed interface Mutation permits Mutation.SetValue, Mutation.Delete, Mutation.CounterMutation {

  /**
   * Writes a value, as {@code Store.put} does.
   *
   * @param value the value; the caller must not modify it
   * @param options the expiry
   */
  record SetValue(byte[] value, WriteOptions options) implements Mutation {}

  /** Deletes the key; nothing happens if it has no live entry. */
  record Delete() implements Mutation {}

  /**
   * Combines a signed 64-bit operand with the key's counter. An absent key counts as the operand. The result
   * is a counter without expiry.
   */
  sealed interface CounterMutation extends Mutation permits Sum, Min, Max {
    /**
     * The operand.
     *
     * @return the operand
     */
    long operand();

    /**
     * The counter value after this mutation.
     *
     * @param key the key, for error messages
     * @param current the key's live entry, or null when absent
     * @return the new counter value
     * @throws CounterException if the entry holds bytes rather than a counter, or the result overflows
     */
    default long apply(String key, Entry current) {
      if (current == null) {
        return operand();
      }
      if (!current.isCounter()) {
        throw new CounterException(key, "key '" + key + "' holds bytes, not a counter");
      }
      return combine(key, current.asLong());
    }

    /**
     * Combines the current counter value with the operand.
     *
     * @param key the key, for error messages
     * @param current the current counter value
     * @return the new value
     * @throws CounterException if the result overflows
     */
    long combine(String key, long current);
  }

  /**
   * Adds the operand; overflow rejects the commit.
   *
   * @param operand the amount to add, may be negative
   */
  record Sum(long operand) implements CounterMutation {
    @Override
    public long combine(String key, long current) {
      try {
        return Math.addExact(current, operand);
      } catch (ArithmeticException overflow) {
        throw new CounterException(key, "sum on key '" + key + "' overflows a signed 64-bit counter");
      }
    }
  }

  /**
   * Keeps the smaller of the counter and the operand.
   *
   * @param operand the bound
   */
  record Min(long operand) implements CounterMutation {
    @Override
    public long combine(String key, long current) {
      return Math.min(current, operand);
    }
  }

  /**
   * Keeps the larger of the counter and the operand.
   *
   * @param operand the bound
   */
  record Max(long operand) implements CounterMutation {
    @Override
    public long combine(String key, long current) {
      return Math.max(current, operand);
    }
  }
}
