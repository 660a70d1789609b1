package dev.leasehold.kv.dynamodb;

import dev.leasehold.kv.Entry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Reads several keys at once for {@code getAll}: one {@code TransactGetItems}, a consistent snapshot of up to
 * 100 items. DynamoDB refuses a transactional read whose items total more than 4 MB; such a read falls back
 * to strongly consistent {@code BatchGetItem} requests (following {@code UnprocessedKeys}), where each entry is
 * current but the entries are not one snapshot.
 */
final class SnapshotReader {
  private final Bucket bucket;
  private final Attempts attempts;

  SnapshotReader(Bucket bucket, Attempts attempts) {
    this.bucket = bucket;
    this.attempts = attempts;
  }

  Map<String, Entry> read(List<String> keys, Instant now) {
    String operation = "getAll of " + keys.size() + " keys in " + bucket;
    return attempts.run(operation, () -> transactionally(keys, now.toEpochMilli()))
        .orElseGet(() -> inBatches(keys, now.toEpochMilli(), operation));
  }

  /** The live entries, or empty when the items are too large to read in one transaction. */
  private Optional<Map<String, Entry>> transactionally(List<String> keys, long nowMillis) {
    List<TransactGetItem> gets = new ArrayList<>(keys.size());
    for (String key : keys) {
      gets.add(TransactGetItem.builder().get(g -> g.tableName(bucket.table()).key(bucket.key(key))).build());
    }
    TransactGetItemsResponse response;
    try {
      response = bucket.client().transactGetItems(b -> b.transactItems(gets));
    } catch (TransactionCanceledException e) {
      if (hasReason(e, "TransactionConflict")) {
        throw TryAgain.afterBackoff(e);
      }
      if (hasReason(e, "ValidationError")) {
        return Optional.empty();
      }
      throw e;
    } catch (AwsServiceException e) {
      // Keys and table were valid, so a validation error means the items exceed the transaction size limit.
      if (e.awsErrorDetails() != null && "ValidationException".equals(e.awsErrorDetails().errorCode())) {
        return Optional.empty();
      }
      throw e;
    }
    Map<String, Entry> found = new HashMap<>();
    List<ItemResponse> items = response.responses();
    for (int i = 0; i < keys.size(); i++) {
      addLive(found, keys.get(i), items.get(i).item(), nowMillis);
    }
    return Optional.of(found);
  }

  private Map<String, Entry> inBatches(List<String> keys, long nowMillis, String operation) {
    Map<String, Entry> found = new HashMap<>();
    List<Map<String, AttributeValue>> pending = new ArrayList<>(keys.size());
    for (String key : keys) {
      pending.add(bucket.key(key));
    }
    return attempts.run(operation, () -> {
      while (!pending.isEmpty()) {
        BatchGetItemResponse response = bucket.client().batchGetItem(b -> b.requestItems(Map.of(bucket.table(),
            KeysAndAttributes.builder().consistentRead(true).keys(pending).build())));
        List<Map<String, AttributeValue>> items = response.responses().getOrDefault(bucket.table(), List.of());
        for (Map<String, AttributeValue> item : items) {
          addLive(found, item.get(StoredItem.KEY).s(), item, nowMillis);
        }
        KeysAndAttributes unprocessed = response.unprocessedKeys().get(bucket.table());
        List<Map<String, AttributeValue>> left = unprocessed == null ? List.of() : unprocessed.keys();
        if (items.isEmpty() && !left.isEmpty()) {
          throw TryAgain.afterBackoff(null); // throttled: nothing was read this round
        }
        pending.clear();
        pending.addAll(left);
      }
      return found;
    });
  }

  private static void addLive(Map<String, Entry> found, String key, Map<String, AttributeValue> item,
      long nowMillis) {
    Entry entry = StoredItem.decode(item).liveEntry(key, nowMillis);
    if (entry != null) {
      found.put(key, entry);
    }
  }

  private static boolean hasReason(TransactionCanceledException e, String code) {
    for (CancellationReason reason : e.cancellationReasons()) {
      if (code.equals(reason.code())) {
        return true;
      }
    }
    return false;
  }
}
