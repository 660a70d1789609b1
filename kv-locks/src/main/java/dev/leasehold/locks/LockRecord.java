package dev.leasehold.locks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.leasehold.kv.Entry;
import dev.leasehold.kv.codec.Codec;
import dev.leasehold.kv.codec.CodecException;
import dev.leasehold.kv.codec.JsonCodec;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The value of a lock's store entry.
 *
 * <p>The fencing token is the entry's version when the lease was acquired; a renewal writes a new version,
 * so renewals carry the token in the record. Acquisitions leave it out because the version they will get is
 * not known before the write. The nonce is fresh for every write, so a writer that did not learn whether its
 * write landed recognises it in the current entry a later conflict returns.
 *
 * @param owner the holder's owner id
 * @param leaseMillis the holder's lease length
 * @param token the fencing token, or null when it is the entry's own version
 * @param nonce unique per write
 * @param data the data the holder published, or null for none
 */
record LockRecord(
    String owner,
    long leaseMillis,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long token,
    String nonce,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) byte[] data) {

  /** Unknown fields are ignored so that a later version may add some without breaking older readers. */
  private static final Codec<LockRecord> CODEC = JsonCodec.of(
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build(), LockRecord.class);

  /** A record for an acquisition: the fencing token will be the version the write gets. */
  static LockRecord acquiring(String owner, LockOptions options) {
    return new LockRecord(owner, leaseMillis(options), null, newNonce(), options.sharedData());
  }

  /** The record of a renewal of a lease with {@code token}. */
  static LockRecord renewing(String owner, LockOptions options, long token) {
    return new LockRecord(owner, leaseMillis(options), token, newNonce(), options.sharedData());
  }

  /** Rounded up: waiters wait this long before a takeover, so it must not be shorter than the lease. */
  private static long leaseMillis(LockOptions options) {
    Duration lease = options.leaseLength();
    return lease.toMillis() + (lease.minusMillis(lease.toMillis()).isZero() ? 0 : 1);
  }

  /**
   * Reads a lock's entry.
   *
   * @throws CodecException if the entry is not a lock record; the message names the key, never the value
   */
  static LockRecord of(Entry entry) {
    LockRecord record;
    try {
      record = CODEC.decode(entry.value());
    } catch (CodecException e) {
      throw notALock(entry, e);
    }
    if (record.owner == null || record.nonce == null || record.leaseMillis <= 0) {
      throw notALock(entry, null);
    }
    return record;
  }

  private static CodecException notALock(Entry entry, CodecException cause) {
    return new CodecException("key '" + entry.key() + "' holds a value that is not a Leasehold lock record",
        cause);
  }

  byte[] encode() {
    return CODEC.encode(this);
  }

  /** The token of the lease this record belongs to, given the entry that holds it. */
  long fencingToken(Entry entry) {
    return token != null ? token : entry.version();
  }

  LockInfo info(Entry entry) {
    return new LockInfo(entry.key(), owner, fencingToken(entry), Duration.ofMillis(leaseMillis),
        data == null ? new byte[0] : data);
  }

  /** Unique with overwhelming probability; uniqueness matters here, not unpredictability. */
  private static String newNonce() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
  }
}
