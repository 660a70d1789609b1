package dev.leasehold.kv.testkit;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Amazon DynamoDB Local running inside this JVM as an HTTP server on a free port, with an in-memory
 * database, for tests and demos. Clients reach it over real HTTP through the AWS SDK, so requests go through
 * the SDK's marshalling, interceptors and retries exactly as they would against DynamoDB.
 *
 * <pre>{@code
 * try (DynamoDbLocalServer server = DynamoDbLocalServer.start();
 *      DynamoDbClient client = server.newClient()) {
 *   client.listTables();
 * }
 * }</pre>
 *
 * <p>Nothing needs to be installed: DynamoDB Local's native SQLite library is copied from its jar into
 * {@code java.io.tmpdir} on first use. The database lives only as long as the server. Every client built here
 * uses the same fixed dummy credentials and region, and the server shares one database among all callers
 * ({@code -sharedDb}), so every client sees the same tables.
 *
 * <p>DynamoDB Local leaves non-daemon threads running after {@link #close()}; a {@code main} method that
 * started a server must end with {@link System#exit(int)}. (Test JVMs forked by Maven exit on their own.)
 * Set the environment variable {@code DDB_LOCAL_TELEMETRY=0} to stop it writing a telemetry metadata file
 * into the working directory. Thread-safe.
 */
public final class DynamoDbLocalServer implements AutoCloseable {
  /** The region every client built by this class uses; DynamoDB Local accepts any. */
  public static final Region REGION = Region.US_EAST_1;

  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("leaseholdlocal", "leaseholdlocal"));
  private static final int START_ATTEMPTS = 3;

  private final DynamoDBProxyServer server;
  private final URI endpoint;
  private boolean closed;

  private DynamoDbLocalServer(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.endpoint = URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port);
  }

  /**
   * Starts a server with an empty in-memory database on a free port. Takes a few seconds.
   *
   * @return the running server
   * @throws IllegalStateException if DynamoDB Local fails to start
   */
  public static DynamoDbLocalServer start() {
    Exception last = null;
    // The free port is found before the server binds it, so another process may take it in between.
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      int port = freeLoopbackPort();
      try {
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(new String[] {
            "-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)});
        server.start();
        return new DynamoDbLocalServer(server, port);
      } catch (Exception e) {
        last = e;
      }
    }
    throw new IllegalStateException("DynamoDB Local did not start", last);
  }

  /**
   * Where the server listens.
   *
   * @return the HTTP endpoint, on the loopback interface
   */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * A client builder set up for this server: endpoint, region, dummy credentials and a
   * {@link UrlConnectionHttpClient}. Callers may change anything before building, for example add
   * execution interceptors or a retry strategy through {@code overrideConfiguration}.
   *
   * @return a new builder; the caller closes the client it builds
   */
  public DynamoDbClientBuilder clientBuilder() {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(CREDENTIALS)
        .httpClientBuilder(UrlConnectionHttpClient.builder());
  }

  /**
   * A new client for this server.
   *
   * @param interceptors execution interceptors to add, in order, for example to count or fail requests
   * @return a new client; the caller closes it
   */
  public DynamoDbClient newClient(ExecutionInterceptor... interceptors) {
    DynamoDbClientBuilder builder = clientBuilder();
    if (interceptors.length > 0) {
      builder.overrideConfiguration(c -> {
        for (ExecutionInterceptor interceptor : interceptors) {
          c.addExecutionInterceptor(Objects.requireNonNull(interceptor, "interceptor"));
        }
      });
    }
    return builder.build();
  }

  /**
   * Stops the server and drops its database. Idempotent. Clients built for it fail from then on.
   *
   * @throws IllegalStateException if DynamoDB Local fails to stop
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
    }
  }

  @Override
  public String toString() {
    return "DynamoDbLocalServer[" + endpoint + "]";
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
