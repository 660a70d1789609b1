package dev.leasehold.locks;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Who holds a lock, as read from the store: the holder's owner id, its fencing token, the data it published
 * and its lease length. A snapshot: by the time it is read the lease may have ended.
 *
 * @param name the lock's name
 * @param owner the holder's owner id
 * @param fencingToken the holder's fencing token: the same for the whole lease, larger for every later holder
 * @param leaseLength the holder's lease length
 * @param data the data the holder published; {@link #data()} returns a copy
 */
public record LockInfo(String name, String owner, long fencingToken, Duration leaseLength, byte[] data) {

  /**
   * Creates the snapshot.
   *
   * @param name the lock's name
   * @param owner the holder's owner id
   * @param fencingToken the fencing token, positive
   * @param leaseLength the lease length
   * @param data the published data; copied
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the fencing token is not positive
   */
  public LockInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(leaseLength, "leaseLength");
    if (fencingToken <= 0) {
      throw new IllegalArgumentException("fencing tokens are positive, was " + fencingToken);
    }
    data = data.clone();
  }

  /**
   * The data the holder published.
   *
   * @return a copy of the data, empty when none was published
   */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /**
   * Snapshots are equal when all their components are, comparing the data by content.
   *
   * @param o the other object
   * @return whether they are equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof LockInfo other
        && name.equals(other.name)
        && owner.equals(other.owner)
        && fencingToken == other.fencingToken
        && leaseLength.equals(other.leaseLength)
        && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, owner, fencingToken, leaseLength) * 31 + Arrays.hashCode(data);
  }

  /** Describes the holder; the data is shown by its length only. */
  @Override
  public String toString() {
    return "LockInfo[name=" + name + ", owner=" + owner + ", fencingToken=" + fencingToken
        + ", leaseLength=" + leaseLength + ", data=" + data.length + " bytes]";
  }
}
