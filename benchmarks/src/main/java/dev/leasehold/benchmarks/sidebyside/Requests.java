package dev.leasehold.benchmarks.sidebyside;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Requests sent, by DynamoDB operation name ("GetItem", "UpdateItem", ...).
 *
 * @param byOperation the count of each operation
 * @param wireNanos the time from transmission to response, summed over the requests answered
 */
record Requests(Map<String, Long> byOperation, long wireNanos) {

  Requests {
    byOperation = Map.copyOf(byOperation);
  }

  long total() {
    return byOperation.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The requests sent after {@code earlier} was taken. */
  Requests since(Requests earlier) {
    Map<String, Long> delta = new TreeMap<>(byOperation);
    earlier.byOperation.forEach((operation, count) -> delta.merge(operation, -count, Long::sum));
    delta.values().removeIf(count -> count == 0);
    return new Requests(delta, wireNanos - earlier.wireNanos);
  }

  /** These requests and {@code more}. */
  Requests plus(Requests more) {
    Map<String, Long> sum = new TreeMap<>(byOperation);
    more.byOperation.forEach((operation, count) -> sum.merge(operation, count, Long::sum));
    return new Requests(sum, wireNanos + more.wireNanos);
  }

  /** The mean time from transmission to response, in milliseconds: the server's share of the latency. */
  String wirePerRequest() {
    return total() == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f ms", wireNanos / 1e6 / total());
  }

  /** Such as "3.00 (GetItem 1.00, PutItem 1.00, DeleteItem 1.00)": the requests per unit of work. */
  String per(long units) {
    if (units == 0) {
      return "n/a";
    }
    String total = String.format(Locale.ROOT, "%.2f", total() / (double) units);
    if (byOperation.size() <= 1) {
      return total + byOperation.keySet().stream().map(name -> " " + name).collect(Collectors.joining());
    }
    return total + new TreeMap<>(byOperation).entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / (double) units))
        .collect(Collectors.joining(", ", " (", ")"));
  }
}
