package dev.leasehold.kv.dynamodb;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * A fault-injecting proxy in front of DynamoDB: as an execution interceptor it routes every request of a
 * client through a local HTTP server, which forwards requests to DynamoDB or, for the next requests chosen
 * to fail, answers the way DynamoDB or the network fails. Each HTTP request counts, SDK retries included.
 */
final class FaultInjector implements ExecutionInterceptor, AutoCloseable {
  private static final String TARGET_HEADER = "x-leasehold-target";
  private static final String ACTIONS_HEADER = "x-leasehold-actions";
  private static final Set<String> NOT_FORWARDED = Set.of(
      "connection", "content-length", "expect", "host", "upgrade", TARGET_HEADER, ACTIONS_HEADER);

  /** A way for one HTTP request to fail. */
  enum Fault {
    THROTTLING(400, "ThrottlingException", null),
    SERVER_ERROR(500, "InternalServerError", null),
    VALIDATION(400, "ValidationException", null),
    /** A single-item write meets an item a transaction is changing. */
    TRANSACTION_CONFLICT(400, "TransactionConflictException", null),
    /** A transaction is cancelled because another transaction changes one of its items. */
    CANCELLED_BY_CONFLICT(400, "TransactionCanceledException", "TransactionConflict"),
    /** A transaction is cancelled because its items' partition is throttled. */
    CANCELLED_BY_THROTTLING(400, "TransactionCanceledException", "ThrottlingError"),
    /** The request never reaches DynamoDB and no answer comes. */
    TIMEOUT(0, null, null),
    /** The connection closes before an answer. */
    CONNECTION_DROPPED(0, null, null),
    /** DynamoDB applies the request, then its answer is replaced by a server error. */
    RESPONSE_LOST(500, "InternalServerError", null);

    private final int status;
    private final String errorType;
    private final String cancellationReason;

    Fault(int status, String errorType, String cancellationReason) {
      this.status = status;
      this.errorType = errorType;
      this.cancellationReason = cancellationReason;
    }
  }

  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final HttpClient upstream = HttpClient.newBuilder().executor(handlers).build();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final HttpServer server;
  private final AtomicInteger remaining = new AtomicInteger();
  private volatile Fault fault;

  FaultInjector() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(handlers);
    server.createContext("/", this::answer);
    server.start();
  }

  /** Makes the next {@code requests} HTTP requests fail with {@code fault}. */
  void failNext(int requests, Fault fault) {
    this.fault = fault;
    remaining.set(requests);
  }

  /** Makes every request fail with {@code fault} until {@link #heal()}. */
  void failAll(Fault fault) {
    failNext(Integer.MAX_VALUE, fault);
  }

  void heal() {
    remaining.set(0);
  }

  @Override
  public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    SdkHttpRequest request = context.httpRequest();
    int actions = context.request() instanceof TransactWriteItemsRequest transaction
        ? transaction.transactItems().size() : 0;
    return request.toBuilder()
        .host(InetAddress.getLoopbackAddress().getHostAddress())
        .port(server.getAddress().getPort())
        .putHeader(TARGET_HEADER, request.getUri().toString())
        .putHeader(ACTIONS_HEADER, Integer.toString(actions))
        .build();
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    handlers.shutdownNow();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] request = exchange.getRequestBody().readAllBytes();
      Fault chosen = remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? fault : null;
      if (chosen == Fault.TIMEOUT) {
        awaitClose();
      } else if (chosen == Fault.CONNECTION_DROPPED) {
        return;
      } else if (chosen == null) {
        forward(exchange, request, true);
      } else {
        if (chosen == Fault.RESPONSE_LOST) {
          forward(exchange, request, false);
        }
        int actions = Integer.parseInt(exchange.getRequestHeaders().getFirst(ACTIONS_HEADER));
        respond(exchange, chosen.status, errorBody(chosen, actions));
      }
    }
  }

  private void forward(HttpExchange exchange, byte[] request, boolean relayAnswer) throws IOException {
    HttpRequest.Builder forwarded = HttpRequest.newBuilder(URI.create(exchange.getRequestHeaders().getFirst(TARGET_HEADER)))
        .POST(HttpRequest.BodyPublishers.ofByteArray(request));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(value -> forwarded.header(name, value));
      }
    });
    HttpResponse<byte[]> answer;
    try {
      answer = upstream.send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    if (relayAnswer) {
      answer.headers().map().forEach((name, values) -> {
        if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
          exchange.getResponseHeaders().put(name, values);
        }
      });
      respond(exchange, answer.statusCode(), answer.body());
    }
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
    }
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private void awaitClose() {
    try {
      closed.await(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** DynamoDB's JSON error document; a cancelled transaction gives the fault's reason for each action. */
  private static byte[] errorBody(Fault fault, int actions) {
    StringBuilder json = new StringBuilder("{\"__type\":\"com.amazonaws.dynamodb.v20120810#")
        .append(fault.errorType).append("\",\"message\":\"injected ").append(fault.name()).append('"');
    if (fault.cancellationReason != null) {
      json.append(",\"CancellationReasons\":[");
      for (int i = 0; i < actions; i++) {
        json.append(i == 0 ? "" : ",").append("{\"Code\":\"").append(fault.cancellationReason)
            .append("\",\"Message\":\"injected\"}");
      }
      json.append(']');
    }
    return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }
}
