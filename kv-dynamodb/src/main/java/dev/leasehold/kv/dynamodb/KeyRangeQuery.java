package dev.leasehold.kv.dynamodb;

import dev.leasehold.kv.Entry;
import dev.leasehold.kv.Page;
import dev.leasehold.kv.spi.PageCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Lists one page of a bucket's live entries with strongly consistent {@code Query} requests on the bucket's
 * partition, {@code begins_with} on the sort key, in either direction.
 *
 * <p>DynamoDB applies {@code Limit} before the filter that drops tombstones and expired items, so a request
 * may return fewer live entries than asked for while more follow; the page keeps querying, reading twice as
 * far each time, until it holds one entry more than the page size (which tells whether another page follows)
 * or the range is exhausted. Without dead items in the range that is a single request; with {@code d} dead
 * items in the way it is about {@code log2(d / limit)} more.
 */
final class KeyRangeQuery {
  /** DynamoDB stops a page at 1 MB anyway; this only keeps the doubling from overflowing. */
  private static final int MAX_BATCH = 1 << 20;

  private final Bucket bucket;
  private final Attempts attempts;

  KeyRangeQuery(Bucket bucket, Attempts attempts) {
    this.bucket = bucket;
    this.attempts = attempts;
  }

  Page page(String prefix, Optional<String> after, int limit, boolean reverse, Instant now) {
    long nowMillis = now.toEpochMilli();
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":bucket", AttributeValue.fromS(bucket.name()));
    values.put(":now", AttributeValue.fromN(Long.toString(nowMillis)));
    String keyCondition = "pk = :bucket";
    if (!prefix.isEmpty()) {
      keyCondition += " AND begins_with(sk, :prefix)";
      values.put(":prefix", AttributeValue.fromS(prefix));
    }
    QueryRequest.Builder request = QueryRequest.builder()
        .tableName(bucket.table())
        .keyConditionExpression(keyCondition)
        .filterExpression(WritePlanner.NOT_DEAD)
        .expressionAttributeValues(values)
        .consistentRead(true)
        .scanIndexForward(!reverse);
    List<Entry> entries = new ArrayList<>();
    Map<String, AttributeValue> start = after.map(bucket::key).orElse(null);
    int batch = limit + 1;
    do {
      QueryRequest next = request.exclusiveStartKey(start).limit(batch).build();
      // Each request that comes back short met dead items; a long run of them (a drained queue, say) must
      // not cost one request per page size, so the next request reads twice as far.
      batch = Math.min(2 * batch, MAX_BATCH);
      QueryResponse response = attempts.run("list in " + bucket, () -> bucket.client().query(next));
      for (Map<String, AttributeValue> item : response.items()) {
        entries.add(StoredItem.decode(item).entry(item.get(StoredItem.KEY).s()));
      }
      start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
          ? response.lastEvaluatedKey() : null;
    } while (start != null && entries.size() <= limit);
    if (entries.size() <= limit) {
      return new Page(entries, Optional.empty());
    }
    List<Entry> page = entries.subList(0, limit);
    return new Page(page, Optional.of(PageCursor.encode(page.get(limit - 1).key())));
  }
}
