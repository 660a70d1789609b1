package dev.leasehold.kv.dynamodb;

import dev.leasehold.kv.Entry;
import dev.leasehold.kv.spi.Check;
import dev.leasehold.kv.spi.KeyAction;
import dev.leasehold.kv.spi.Mutation;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns one key's check and mutation into the condition and update of a single request, so that the request
 * alone decides, atomically on the server, whether the write applies.
 *
 * <p>Two mutations depend on state an update expression cannot branch on: {@code set} with
 * {@link dev.leasehold.kv.WriteOptions#keepTtl() keepTtl} (keep the expiry of a live entry, drop that of a
 * dead one) and {@code min}/{@code max} (write the operand, or keep the counter and only bump the version).
 * For those the planner guesses the usual case and makes the guess part of the condition; when an attempt
 * failed on the key, the item it found decides the next plan. A wrong guess therefore costs one more request
 * but never a wrong result.
 *
 * <p>Versions: a key without an item starts at the epoch microseconds of the store's clock, every write adds
 * one ({@code if_not_exists(v, :base) + :one}), and deletes leave a tombstone keeping the version.
 */
final class WritePlanner {
  /** Neither a tombstone nor expired: holds for live items and for no item at all. */
  static final String NOT_DEAD = "attribute_not_exists(del) AND (attribute_not_exists(exp) OR exp > :now)";
  private static final String LIVE = "attribute_exists(v) AND " + NOT_DEAD;
  private static final String DEAD = "attribute_exists(del) OR exp <= :now";
  private static final String DEAD_OR_ABSENT = "attribute_not_exists(v) OR " + DEAD;
  private static final String NO_LIVE_BYTES = "attribute_not_exists(val) OR exp <= :now";

  private final long retentionSeconds;

  WritePlanner(Duration tombstoneRetention) {
    this.retentionSeconds = tombstoneRetention.toSeconds();
  }

  /**
   * Plans the request for one key.
   *
   * @param action the key's check and mutation
   * @param found the item an earlier attempt found at the key, or null when nothing was learned yet
   * @param now the store's time for the whole operation
   */
  ItemWrite plan(KeyAction action, StoredItem found, Instant now) {
    ItemWrite.Builder write = ItemWrite.builder().bind(":now", number(now.toEpochMilli()));
    action.check().ifPresent(check -> require(write, check));
    Mutation mutation = action.mutation().orElse(null);
    if (mutation instanceof Mutation.SetValue set) {
      setValue(write, set, action.check(), found, now);
    } else if (mutation instanceof Mutation.Delete) {
      tombstone(write, now);
    } else if (mutation instanceof Mutation.CounterMutation counter) {
      counter(write, action.key(), counter, found, now);
    }
    return write.build();
  }

  /** Turns a live entry into a tombstone; the condition fails when there is no live entry. */
  ItemWrite tombstoneIfLive(Instant now) {
    ItemWrite.Builder write = ItemWrite.builder().bind(":now", number(now.toEpochMilli())).require(LIVE);
    tombstone(write, now);
    return write.build();
  }

  private static void require(ItemWrite.Builder write, Check check) {
    if (check instanceof Check.HasVersion version) {
      write.require("v = :expected AND " + NOT_DEAD).bind(":expected", number(version.version()));
    } else {
      write.require(DEAD_OR_ABSENT);
    }
  }

  private void setValue(ItemWrite.Builder write, Mutation.SetValue set, Optional<Check> check, StoredItem found,
      Instant now) {
    write.set("val = :value").bind(":value", AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(set.value())));
    nextVersion(write, now);
    write.remove("num", "del");
    if (!set.options().keepsTtl()) {
      expiry(write, set.options().expiryAt(now));
    } else if (check.isPresent()) {
      if (check.get() instanceof Check.Absent) {
        write.remove("exp", "gc"); // nothing live to keep an expiry from
      } // else the version check requires a live entry, whose expiry stays as it is
    } else if (found != null && found.exists() && !found.isLive(now.toEpochMilli())) {
      write.require(DEAD).remove("exp", "gc");
    } else {
      write.require(NOT_DEAD); // the usual case: a live entry keeps its expiry, an absent key gets none
    }
  }

  private void counter(ItemWrite.Builder write, String key, Mutation.CounterMutation counter, StoredItem found,
      Instant now) {
    long operand = counter.operand();
    write.require(NO_LIVE_BYTES).bind(":operand", number(operand));
    nextVersion(write, now);
    write.remove("val", "exp", "gc", "del");
    if (counter instanceof Mutation.Sum) {
      write.set("num = if_not_exists(num, :zero) + :operand").bind(":zero", number(0));
      if (operand > 0) {
        write.require("attribute_not_exists(num) OR num <= :limit").bind(":limit", number(Long.MAX_VALUE - operand));
      } else if (operand < 0) {
        write.require("attribute_not_exists(num) OR num >= :limit").bind(":limit", number(Long.MIN_VALUE - operand));
      }
      return;
    }
    boolean min = counter instanceof Mutation.Min;
    Entry current = found == null ? null : found.liveEntry(key, now.toEpochMilli());
    boolean unchanged = current != null && current.isCounter()
        && counter.combine(key, current.asLong()) == current.asLong();
    if (unchanged) {
      write.require(min ? "num <= :operand" : "num >= :operand");
    } else {
      write.require(min ? "attribute_not_exists(num) OR num >= :operand" : "attribute_not_exists(num) OR num <= :operand")
          .set("num = :operand");
    }
  }

  private void tombstone(ItemWrite.Builder write, Instant now) {
    write.set("del = :true").bind(":true", AttributeValue.fromBool(true));
    nextVersion(write, now);
    write.set("gc = :gc").bind(":gc", number(gcSeconds(now.toEpochMilli())));
    write.remove("val", "num", "exp");
  }

  private void expiry(ItemWrite.Builder write, Optional<Instant> expiresAt) {
    if (expiresAt.isEmpty()) {
      write.remove("exp", "gc");
      return;
    }
    long millis = expiresAt.get().toEpochMilli();
    write.set("exp = :exp").bind(":exp", number(millis))
        .set("gc = :gc").bind(":gc", number(gcSeconds(millis)));
  }

  private static void nextVersion(ItemWrite.Builder write, Instant now) {
    write.set("v = if_not_exists(v, :base) + :one")
        .bind(":base", number(ChronoUnit.MICROS.between(Instant.EPOCH, now)))
        .bind(":one", number(1));
  }

  /** When DynamoDB's TTL may delete an item that stopped being live at {@code millis}. */
  private long gcSeconds(long millis) {
    return Math.floorDiv(millis, 1000) + 1 + retentionSeconds;
  }

  private static AttributeValue number(long n) {
    return AttributeValue.fromN(Long.toString(n));
  }
}
