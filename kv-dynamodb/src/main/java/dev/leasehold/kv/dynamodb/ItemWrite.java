package dev.leasehold.kv.dynamodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * What one request does to one item: a condition, an update, or both, with the values they refer to. The
 * expression text is made only of fixed attribute names and placeholders; user data travels in the values.
 *
 * @param condition the condition expression, if any
 * @param update the update expression; empty for a condition check
 * @param values the expression attribute values by placeholder
 */
record ItemWrite(Optional<String> condition, Optional<String> update, Map<String, AttributeValue> values) {

  ItemWrite {
    values = Map.copyOf(values);
  }

  static Builder builder() {
    return new Builder();
  }

  /** An {@code UpdateItem} request that returns the new item, or the current one when the condition fails. */
  UpdateItemRequest updateItem(String table, Map<String, AttributeValue> key) {
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(key)
        .updateExpression(update.orElseThrow())
        .conditionExpression(condition.orElse(null))
        .expressionAttributeValues(valuesOrNull())
        .returnValues(ReturnValue.ALL_NEW)
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  /**
   * One action of a {@code TransactWriteItems}: an update, or a condition check when there is nothing to
   * write. A failed condition returns the current item in the cancellation reason.
   */
  TransactWriteItem transactItem(String table, Map<String, AttributeValue> key) {
    if (update.isEmpty()) {
      return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
          .tableName(table)
          .key(key)
          .conditionExpression(condition.orElseThrow())
          .expressionAttributeValues(valuesOrNull())
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
          .build()).build();
    }
    return TransactWriteItem.builder().update(Update.builder()
        .tableName(table)
        .key(key)
        .updateExpression(update.get())
        .conditionExpression(condition.orElse(null))
        .expressionAttributeValues(valuesOrNull())
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build()).build();
  }

  /** DynamoDB rejects an empty map of values, so a request without placeholders sends none. */
  private Map<String, AttributeValue> valuesOrNull() {
    return values.isEmpty() ? null : values;
  }

  /** Collects condition clauses (all must hold), SET and REMOVE actions, and placeholder values. */
  static final class Builder {
    private static final Pattern PLACEHOLDER = Pattern.compile(":\\w+");

    private final List<String> conditions = new ArrayList<>();
    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private final Map<String, AttributeValue> values = new HashMap<>();

    private Builder() {}

    /** Adds a clause the item must satisfy; clauses are joined with AND. */
    Builder require(String clause) {
      conditions.add(clause);
      return this;
    }

    /** Adds a SET action such as {@code "v = v + :one"}. */
    Builder set(String action) {
      sets.add(action);
      return this;
    }

    /** Adds attributes to REMOVE. */
    Builder remove(String... attributes) {
      removes.addAll(List.of(attributes));
      return this;
    }

    /**
     * Binds a placeholder. Binding the same placeholder again must bind the same value; placeholders no
     * expression uses are left out of the request, as DynamoDB requires.
     */
    Builder bind(String placeholder, AttributeValue value) {
      AttributeValue previous = values.putIfAbsent(placeholder, value);
      if (previous != null && !previous.equals(value)) {
        throw new IllegalStateException("placeholder " + placeholder + " bound twice");
      }
      return this;
    }

    ItemWrite build() {
      String update = (sets.isEmpty() ? "" : "SET " + String.join(", ", sets))
          + (removes.isEmpty() ? "" : (sets.isEmpty() ? "" : " ") + "REMOVE " + String.join(", ", removes));
      String condition = conditions.isEmpty() ? ""
          : conditions.size() == 1 ? conditions.get(0) : "(" + String.join(") AND (", conditions) + ")";
      Map<String, AttributeValue> used = new HashMap<>();
      Matcher placeholders = PLACEHOLDER.matcher(condition + " " + update);
      while (placeholders.find()) {
        AttributeValue value = values.get(placeholders.group());
        if (value == null) {
          throw new IllegalStateException("placeholder " + placeholders.group() + " is not bound");
        }
        used.put(placeholders.group(), value);
      }
      return new ItemWrite(
          condition.isEmpty() ? Optional.empty() : Optional.of(condition),
          update.isEmpty() ? Optional.empty() : Optional.of(update),
          used);
    }
  }
}
