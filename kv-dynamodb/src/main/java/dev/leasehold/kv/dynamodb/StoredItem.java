package dev.leasehold.kv.dynamodb;

import dev.leasehold.kv.Entry;
import dev.leasehold.kv.StoreException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One key's item as DynamoDB returned it, decoded from the table layout:
 *
 * <ul>
 *   <li>{@code pk} (S): the bucket; {@code sk} (S): the key;
 *   <li>{@code v} (N): the version, kept by tombstones so versions never repeat;
 *   <li>{@code val} (B): the value of an entry holding bytes; {@code num} (N): the value of a counter;
 *   <li>{@code exp} (N): expiry in epoch milliseconds, absent for entries that never expire;
 *   <li>{@code gc} (N): epoch seconds after which DynamoDB's TTL may delete the item, set on tombstones and
 *       expiring entries only;
 *   <li>{@code del} (BOOL): present on tombstones, the items deletes leave behind.
 * </ul>
 *
 * An item is live when it has a version, is no tombstone and has not expired; everything else reads as absent.
 */
final class StoredItem {
  static final String BUCKET = "pk";
  static final String KEY = "sk";
  static final String VERSION = "v";
  static final String VALUE = "val";
  static final String COUNTER = "num";
  static final String EXPIRES = "exp";
  static final String GC = "gc";
  static final String DELETED = "del";

  /** No item at all. */
  static final StoredItem ABSENT = new StoredItem(0, null, null, null, false);

  private final long version;
  private final SdkBytes value;
  private final Long counter;
  private final Long expiresAtMillis;
  private final boolean deleted;

  private StoredItem(long version, SdkBytes value, Long counter, Long expiresAtMillis, boolean deleted) {
    this.version = version;
    this.value = value;
    this.counter = counter;
    this.expiresAtMillis = expiresAtMillis;
    this.deleted = deleted;
  }

  /**
   * Decodes an item, possibly projected to fewer attributes.
   *
   * @param item the attributes, empty or null for no item
   */
  static StoredItem decode(Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty()) {
      return ABSENT;
    }
    AttributeValue version = item.get(VERSION);
    AttributeValue value = item.get(VALUE);
    return new StoredItem(
        version == null ? 0 : number(version),
        value == null ? null : value.b(),
        longOrNull(item.get(COUNTER)),
        longOrNull(item.get(EXPIRES)),
        item.containsKey(DELETED));
  }

  /** The key attributes of {@code key} in {@code bucket}. */
  static Map<String, AttributeValue> key(String bucket, String key) {
    return Map.of(BUCKET, AttributeValue.fromS(bucket), KEY, AttributeValue.fromS(key));
  }

  /** Whether there is an item at all, live or dead. */
  boolean exists() {
    return version > 0;
  }

  boolean isLive(long nowMillis) {
    return version > 0 && !deleted && (expiresAtMillis == null || expiresAtMillis > nowMillis);
  }

  /**
   * The entry this item holds at {@code nowMillis}.
   *
   * @return the entry, or null when the item is absent, a tombstone or expired
   */
  Entry liveEntry(String key, long nowMillis) {
    return isLive(nowMillis) ? entry(key) : null;
  }

  /** The entry of a live item. */
  Entry entry(String key) {
    if (counter != null) {
      return Entry.counter(key, counter, version);
    }
    if (value == null) {
      throw new StoreException("item of key '" + key + "' holds neither a value nor a counter; is the table "
          + "shared with something other than Leasehold?");
    }
    return Entry.of(key, value.asByteArrayUnsafe(), version,
        Optional.ofNullable(expiresAtMillis).map(Instant::ofEpochMilli));
  }

  private static Long longOrNull(AttributeValue number) {
    return number == null ? null : number(number);
  }

  private static long number(AttributeValue number) {
    // DynamoDB may normalise how a number is written (for example "1E+2"), not its value.
    return new BigDecimal(number.n()).longValueExact();
  }
}
