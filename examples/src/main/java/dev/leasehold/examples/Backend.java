package dev.leasehold.examples;

import dev.leasehold.kv.Store;
import dev.leasehold.kv.dynamodb.DynamoDbStore;
import dev.leasehold.kv.dynamodb.DynamoDbTables;
import dev.leasehold.kv.memory.MemoryStore;
import dev.leasehold.kv.testkit.DynamoDbLocalServer;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An opened backend: hands out stores on fresh buckets and counts the requests they send. Closing it
 * releases the client and stops an embedded server.
 */
final class Backend implements AutoCloseable {
  private final String description;
  private final Function<String, Store> stores;
  private final RequestCounter counter;
  private final AutoCloseable resources;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  private Backend(String description, Function<String, Store> stores, RequestCounter counter,
      AutoCloseable resources) {
    this.description = description;
    this.stores = stores;
    this.counter = counter;
    this.resources = resources;
  }

  static Backend memory() {
    return new Backend("in-memory store", bucket -> MemoryStore.create(), null, () -> {});
  }

  static Backend embeddedDynamoDb(String table) {
    DynamoDbLocalServer server = DynamoDbLocalServer.start();
    RequestCounter counter = new RequestCounter();
    DynamoDbClient client = server.newClient(counter);
    DynamoDbTables.ensure(client, table);
    return new Backend("embedded DynamoDB Local at " + server.endpoint() + ", table " + table,
        bucket -> DynamoDbStore.builder(client, table, bucket).build(), counter, () -> {
          client.close();
          server.close();
        });
  }

  static Backend dynamoDb(URI endpoint, String region, String table) {
    RequestCounter counter = new RequestCounter();
    DynamoDbClient client = DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .overrideConfiguration(c -> c.addExecutionInterceptor(counter))
        .build();
    DynamoDbTables.ensure(client, table);
    return new Backend("DynamoDB at " + endpoint + " (" + region + "), table " + table,
        bucket -> DynamoDbStore.builder(client, table, bucket).build(), counter, client);
  }

  /** A store on a bucket no earlier run used, so runs against a shared table never see each other. */
  Store store(String name) {
    return stores.apply(name + "-" + run);
  }

  /** The requests sent so far, by operation; empty for the in-memory store, which sends none. */
  Optional<Requests> requests() {
    return Optional.ofNullable(counter).map(RequestCounter::snapshot);
  }

  @Override
  public void close() throws Exception {
    resources.close();
  }

  @Override
  public String toString() {
    return description;
  }

  /** A count of requests by DynamoDB operation name. */
  record Requests(Map<String, Long> byOperation) {
    long total() {
      return byOperation.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The requests sent after {@code earlier} was taken. */
    Requests since(Requests earlier) {
      Map<String, Long> delta = new TreeMap<>(byOperation);
      earlier.byOperation.forEach((operation, count) -> delta.merge(operation, -count, Long::sum));
      delta.values().removeIf(count -> count == 0);
      return new Requests(delta);
    }

    /** Such as "4.31 per job (UpdateItem 3.02, TransactWriteItems 1.00, Query 0.29)". */
    String per(long units, String unit) {
      StringBuilder text = new StringBuilder(String.format("%.2f per %s (", total() / (double) units, unit));
      byOperation.forEach((operation, count) -> text.append(String.format("%s %.2f, ", operation,
          count / (double) units)));
      text.setLength(text.length() - 2);
      return text.append(")").toString();
    }
  }

  /** Counts API calls (not HTTP attempts), the unit DynamoDB bills and our request budget uses. */
  private static final class RequestCounter implements ExecutionInterceptor {
    private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      byOperation.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
          operation -> new LongAdder()).increment();
    }

    Requests snapshot() {
      Map<String, Long> counts = new TreeMap<>();
      byOperation.forEach((operation, count) -> counts.put(operation, count.sum()));
      return new Requests(counts);
    }
  }
}
