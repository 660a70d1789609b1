package dev.leasehold.kv.testkit;

import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A JUnit 5 extension that runs one {@link DynamoDbLocalServer} for the whole test run and injects a client
 * for it into constructors, test methods and lifecycle methods:
 *
 * <pre>{@code
 * @ExtendWith(DynamoDbLocal.class)
 * class OrderRepositoryTest {
 *   @BeforeAll
 *   static void createTable(DynamoDbClient client) {
 *     DynamoDbTables.ensure(client, "orders");
 *   }
 *
 *   @Test
 *   void savesAnOrder(DynamoDbClient client) {
 *     Store store = DynamoDbStore.builder(client, "orders", DynamoDbLocal.uniqueName("bucket")).build();
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>The server starts on first use (in a few seconds) and is shared by every test class in the JVM,
 * together with one {@link DynamoDbClient}; both are closed when the run ends. The shared client must not be
 * closed by tests. Parameters of type {@link DynamoDbLocalServer} are injected too, for tests that need a
 * client of their own, for example with execution interceptors ({@link DynamoDbLocalServer#newClient}).
 *
 * <p>Tables and data outlive a test class, so tests isolate themselves by name: a fresh table, or a fresh
 * bucket (key namespace) on a shared table, named with {@link #uniqueName(String)}.
 */
public final class DynamoDbLocal implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DynamoDbLocal.class);

  /** Created by JUnit through {@code @ExtendWith(DynamoDbLocal.class)}. */
  public DynamoDbLocal() {}

  /**
   * A name no other call in this JVM returns, for a table or bucket that only one test uses.
   *
   * @param prefix the start of the name; for table names it must consist of {@code a-z A-Z 0-9 _ - .}
   * @return {@code prefix}, a dash and a random suffix of 32 hex digits
   */
  public static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().replace("-", "");
  }

  /**
   * Supports parameters of type {@link DynamoDbClient} and {@link DynamoDbLocalServer}.
   *
   * @param parameter the parameter to resolve
   * @param context the extension context
   * @return whether this extension resolves the parameter
   */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == DynamoDbClient.class || type == DynamoDbLocalServer.class;
  }

  /**
   * Resolves the shared client or server, starting the server on first use.
   *
   * @param parameter the parameter to resolve
   * @param context the extension context
   * @return the shared {@link DynamoDbClient} or {@link DynamoDbLocalServer}
   */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Shared shared = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(Shared.class, type -> new Shared(), Shared.class);
    return parameter.getParameter().getType() == DynamoDbClient.class ? shared.client : shared.server;
  }

  /** The server and client shared by the run; JUnit closes it when the root context closes. */
  private static final class Shared implements AutoCloseable {
    private final DynamoDbLocalServer server = DynamoDbLocalServer.start();
    private final DynamoDbClient client = server.newClient();

    @Override
    public void close() {
      try {
        client.close();
      } finally {
        server.close();
      }
    }
  }
}
