package dev.leasehold.benchmarks.sidebyside;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the HTTP requests one {@code DynamoDbClient} puts on the wire, by DynamoDB operation, and how long
 * they took from transmission to response. Counted just before transmission, so SDK retries count too: this
 * is what the server sees and bills.
 */
final class RequestCounter implements ExecutionInterceptor {
  private static final ExecutionAttribute<Long> SENT_AT = new ExecutionAttribute<>("benchmarks.counter.sentAt");

  private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();
  private final LongAdder wireNanos = new LongAdder();

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    byOperation.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
        operation -> new LongAdder()).increment();
    attributes.putAttribute(SENT_AT, System.nanoTime());
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    wireNanos.add(System.nanoTime() - attributes.getAttribute(SENT_AT));
  }

  /** The counts so far. */
  Requests snapshot() {
    Map<String, Long> counts = new TreeMap<>();
    byOperation.forEach((operation, count) -> counts.put(operation, count.sum()));
    return new Requests(counts, wireNanos.sum());
  }
}
