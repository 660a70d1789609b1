package dev.leasehold.kv.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything one atomic commit does to one key: an optional check and an optional mutation, at least one
 * of them. A backend evaluates every check before applying any mutation.
 *
 * @param key the key, already validated
 * @param check the condition the key must meet, if any
 * @param mutation the change to apply, if any
 */
public record KeyAction(String key, Optional<Check> check, Optional<Mutation> mutation) {
  /**
   * Creates an action.
   *
   * @param key the key
   * @param check the condition, if any
   * @param mutation the change, if any
   * @throws IllegalArgumentException if both are empty
   */
  public KeyAction {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(mutation, "mutation");
    if (check.isEmpty() && mutation.isEmpty()) {
      throw new IllegalArgumentException("an action needs a check or a mutation");
    }
  }
}
