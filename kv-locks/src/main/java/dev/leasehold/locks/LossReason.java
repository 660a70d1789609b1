package dev.leasehold.locks;

/** Why a {@link Lease} ended; the value {@link Lease#lost()} completes with. */
public enum LossReason {
  /**
   * The local deadline passed without a successful renewal: renewal was stopped, the store could not be
   * reached in time, the process was paused past the deadline, or the record had already expired in the
   * store. Another owner may hold the lock now.
   */
  EXPIRED,

  /**
   * A renewal or release found another owner's record: the lock was taken over after this lease expired in
   * the store or was observed unchanged for a full lease length. Another owner holds the lock now, with a
   * larger fencing token.
   */
  STOLEN,

  /** The lease was released by {@link Lease#close()} or by closing its {@link LockClient}. */
  RELEASED
}
