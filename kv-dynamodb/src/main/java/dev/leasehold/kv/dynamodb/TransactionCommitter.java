package dev.leasehold.kv.dynamodb;

import dev.leasehold.kv.CommitResult;
import dev.leasehold.kv.Entry;
import dev.leasehold.kv.StoreException;
import dev.leasehold.kv.spi.KeyAction;
import dev.leasehold.kv.spi.Mutation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Applies an atomic commit as one {@code TransactWriteItems}: one action per key (a check and a mutation on
 * the same key become one conditional update; a check alone a condition check), with a fresh
 * {@code ClientRequestToken} per attempt so the SDK's own retries of that attempt are idempotent.
 *
 * <p>A cancelled transaction is read from its cancellation reasons, which carry the item each failed condition
 * saw: a failed user check rejects the commit with the current entries; a counter that cannot apply throws
 * {@link dev.leasehold.kv.CounterException}; a wrong guess of the {@link WritePlanner} is planned again from
 * the item seen; a conflict with a concurrent transaction is retried after a backoff; throttling and other
 * reasons throw (see {@link ErrorMapping}). Nothing is written in any of these cases.
 */
final class TransactionCommitter {
  private static final String CONDITION_FAILED = "ConditionalCheckFailed";
  private static final String CONFLICT = "TransactionConflict";

  private final Bucket bucket;
  private final WritePlanner planner;
  private final Attempts attempts;

  TransactionCommitter(Bucket bucket, WritePlanner planner, Attempts attempts) {
    this.bucket = bucket;
    this.planner = planner;
    this.attempts = attempts;
  }

  CommitResult commit(List<KeyAction> actions, Instant now) {
    String operation = "commit of " + actions.size() + " keys in " + bucket;
    StoredItem[] found = new StoredItem[actions.size()];
    return attempts.run(operation, () -> attempt(actions, found, now, operation));
  }

  private CommitResult attempt(List<KeyAction> actions, StoredItem[] found, Instant now, String operation) {
    List<TransactWriteItem> items = new ArrayList<>(actions.size());
    for (int i = 0; i < actions.size(); i++) {
      KeyAction action = actions.get(i);
      items.add(planner.plan(action, found[i], now).transactItem(bucket.table(), bucket.key(action.key())));
    }
    try {
      bucket.client().transactWriteItems(b -> b.transactItems(items).clientRequestToken(UUID.randomUUID().toString()));
      return CommitResult.committed();
    } catch (TransactionCanceledException e) {
      return cancelled(e, actions, found, now.toEpochMilli(), operation);
    }
  }

  private static CommitResult cancelled(TransactionCanceledException e, List<KeyAction> actions, StoredItem[] found,
      long nowMillis, String operation) {
    List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
    if (reasons.size() != actions.size()) {
      throw new StoreException(operation + " was cancelled without a reason for every key", e);
    }
    StoredItem[] seen = new StoredItem[actions.size()];
    List<CommitResult.Conflict> conflicts = new ArrayList<>();
    boolean collided = false;
    boolean otherReason = false;
    for (int i = 0; i < reasons.size(); i++) {
      String code = String.valueOf(reasons.get(i).code());
      if (CONDITION_FAILED.equals(code)) {
        KeyAction action = actions.get(i);
        seen[i] = StoredItem.decode(reasons.get(i).item());
        Entry current = seen[i].liveEntry(action.key(), nowMillis);
        if (action.check().isPresent() && !action.check().get().test(current)) {
          conflicts.add(new CommitResult.Conflict(action.key(), Optional.ofNullable(current)));
        }
      } else if (CONFLICT.equals(code)) {
        collided = true;
      } else if (!"None".equals(code)) {
        otherReason = true;
      }
    }
    // Every check is judged before any mutation, as the contract orders.
    if (!conflicts.isEmpty()) {
      return CommitResult.rejected(conflicts);
    }
    for (int i = 0; i < seen.length; i++) {
      KeyAction action = actions.get(i);
      if (seen[i] != null && action.mutation().orElse(null) instanceof Mutation.CounterMutation counter) {
        counter.apply(action.key(), seen[i].liveEntry(action.key(), nowMillis));
      }
    }
    if (otherReason) {
      throw e; // throttling or a rejected request; translated with its reasons
    }
    for (int i = 0; i < seen.length; i++) {
      if (seen[i] != null) {
        found[i] = seen[i];
      }
    }
    throw collided ? TryAgain.afterBackoff(e) : TryAgain.immediately(e);
  }
}
