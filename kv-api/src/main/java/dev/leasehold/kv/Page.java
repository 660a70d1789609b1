package dev.leasehold.kv;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a {@link Store#list} in key order (reverse key order for a reverse listing).
 *
 * @param entries the live entries of this page, at most the requested limit
 * @param cursor an opaque token for the next page; present when more entries may follow, absent only when
 *     the listing is complete
 */
public record Page(List<Entry> entries, Optional<String> cursor) {
  /**
   * Creates a page.
   *
   * @param entries the entries; copied
   * @param cursor the next page's cursor, if any
   */
  public Page {
    entries = List.copyOf(entries);
    Objects.requireNonNull(cursor, "cursor");
  }

  /**
   * Whether another page may follow.
   *
   * @return true when {@link #cursor()} is present
   */
  public boolean hasMore() {
    return cursor.isPresent();
  }
}
