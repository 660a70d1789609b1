package dev.leasehold.kv;

import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Store#list} pages through keys: page size, where to continue, direction. Immutable; build with
 * {@link #builder()} or start from {@link #defaults()}.
 */
public final class ListOptions {
  /** Page size used when none is set. */
  public static final int DEFAULT_LIMIT = 100;

  private static final ListOptions DEFAULTS = new Builder().build();

  private final int limit;
  private final String cursor;
  private final boolean reverse;

  private ListOptions(Builder builder) {
    this.limit = builder.limit;
    this.cursor = builder.cursor;
    this.reverse = builder.reverse;
  }

  /**
   * The first page of {@link #DEFAULT_LIMIT} entries in ascending key order.
   *
   * @return the default options
   */
  public static ListOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from these options, e.g. to ask for the next page.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.limit = limit;
    b.cursor = cursor;
    b.reverse = reverse;
    return b;
  }

  /**
   * The same options, continuing after the page that returned {@code cursor}.
   *
   * @param cursor the cursor of the previous page
   * @return options for the next page
   */
  public ListOptions after(String cursor) {
    return toBuilder().cursor(cursor).build();
  }

  /**
   * Most entries per page.
   *
   * @return the page size, 1 to {@link Limits#MAX_LIST_LIMIT}
   */
  public int limit() {
    return limit;
  }

  /**
   * Where the listing continues.
   *
   * @return the cursor of the previous page, or empty for the first page
   */
  public Optional<String> cursor() {
    return Optional.ofNullable(cursor);
  }

  /**
   * Whether keys come in descending order.
   *
   * @return true for descending
   */
  public boolean isReverse() {
    return reverse;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ListOptions other
        && limit == other.limit
        && reverse == other.reverse
        && Objects.equals(cursor, other.cursor);
  }

  @Override
  public int hashCode() {
    return Objects.hash(limit, cursor, reverse);
  }

  @Override
  public String toString() {
    return "ListOptions[limit=" + limit + ", reverse=" + reverse + (cursor == null ? "" : ", cursor=" + cursor)
        + "]";
  }

  /** Builds {@link ListOptions}. */
  public static final class Builder {
    private int limit = DEFAULT_LIMIT;
    private String cursor;
    private boolean reverse;

    private Builder() {}

    /**
     * Sets the page size.
     *
     * @param limit most entries per page, 1 to {@link Limits#MAX_LIST_LIMIT}
     * @return this builder
     * @throws IllegalArgumentException if {@code limit} is out of range
     */
    public Builder limit(int limit) {
      if (limit < 1 || limit > Limits.MAX_LIST_LIMIT) {
        throw new IllegalArgumentException(
            "limit must be between 1 and " + Limits.MAX_LIST_LIMIT + " (Limits.MAX_LIST_LIMIT), was " + limit);
      }
      this.limit = limit;
      return this;
    }

    /**
     * Continues after the page that returned {@code cursor}. A cursor is only valid with the same prefix and
     * direction it was issued for.
     *
     * @param cursor a {@link Page#cursor()} value, or null for the first page
     * @return this builder
     */
    public Builder cursor(String cursor) {
      this.cursor = cursor;
      return this;
    }

    /**
     * Sets the direction.
     *
     * @param reverse true for descending key order
     * @return this builder
     */
    public Builder reverse(boolean reverse) {
      this.reverse = reverse;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public ListOptions build() {
      return new ListOptions(this);
    }
  }
}
