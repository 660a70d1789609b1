package dev.leasehold.kv;

import java.util.Objects;

/**
 * How a read is served. Immutable.
 *
 * @param consistency whether the read must reflect every write acknowledged before it
 */
public record ReadOptions(Consistency consistency) {
  private static final ReadOptions STRONG = new ReadOptions(Consistency.STRONG);
  private static final ReadOptions EVENTUAL = new ReadOptions(Consistency.EVENTUAL);

  /** Read consistency. */
  public enum Consistency {
    /** The read reflects every write acknowledged before it started. The default. */
    STRONG,
    /**
     * The read may miss recent writes; cheaper on some backends (half the cost on DynamoDB). Backends without
     * such a mode serve it strongly.
     */
    EVENTUAL
  }

  /**
   * Creates read options.
   *
   * @param consistency the consistency; not null
   */
  public ReadOptions {
    Objects.requireNonNull(consistency, "consistency");
  }

  /**
   * Strongly consistent reads, the default.
   *
   * @return the options
   */
  public static ReadOptions strong() {
    return STRONG;
  }

  /**
   * Eventually consistent reads.
   *
   * @return the options
   */
  public static ReadOptions eventual() {
    return EVENTUAL;
  }
}
