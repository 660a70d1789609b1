package dev.leasehold.kv.spi;

import dev.leasehold.kv.Entry;

/** A condition an atomic commit requires of one key before it applies any mutation. */
public sealed interface Check permits Check.HasVersion, Check.Absent {

  /**
   * Whether the check holds for the key's live entry.
   *
   * @param current the live entry, or null when the key is absent, deleted or expired
   * @return true if the check holds
   */
  boolean test(Entry current);

  /**
   * The key's live entry must be at this version.
   *
   * @param version the required version
   */
  record HasVersion(long version) implements Check {
    @Override
    public boolean test(Entry current) {
      return current != null && current.version() == version;
    }
  }

  /** The key must have no live entry. */
  record Absent() implements Check {
    @Override
    public boolean test(Entry current) {
      return current == null;
    }
  }
}
