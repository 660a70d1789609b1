package dev.leasehold.kv.dynamodb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leasehold.kv.Entry;
import dev.leasehold.kv.ListOptions;
import dev.leasehold.kv.StoreException;
import dev.leasehold.kv.StoreUnavailableException;
import dev.leasehold.kv.dynamodb.FaultInjector.Fault;
import dev.leasehold.kv.testkit.DynamoDbLocal;
import dev.leasehold.kv.testkit.DynamoDbLocalServer;
import dev.leasehold.kv.testkit.ManualClock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Backend failures, injected over real HTTP, map to the Store's exceptions with the SDK exception as the
 * cause, and leave nothing half-written. The client retries once, at once, so the tests stay fast.
 */
@ExtendWith(DynamoDbLocal.class)
class FailureMappingTest {
  private static final String TABLE = "failure-mapping";
  private static final byte[] ORIGINAL = "original".getBytes(UTF_8);
  private static final byte[] SECRET = "secret-value".getBytes(UTF_8);

  private final FaultInjector faults = new FaultInjector();
  private final RequestLog requests = new RequestLog();
  private DynamoDbLocalServer server;
  private String bucket;
  private DynamoDbClient client;
  private DynamoDbStore store;

  @BeforeAll
  static void createTable(DynamoDbClient shared) {
    DynamoDbTables.ensure(shared, TABLE);
  }

  @BeforeEach
  void createStore(DynamoDbLocalServer server) {
    this.server = server;
    bucket = DynamoDbLocal.uniqueName("bucket");
    client = client(Duration.ofSeconds(10));
    store = store(client);
    store.put("k", ORIGINAL);
    requests.clear();
  }

  @AfterEach
  void close() {
    faults.close();
    client.close();
  }

  @Test
  void throttlingThatOutlastsTheSdkRetriesIsUnavailable() {
    faults.failAll(Fault.THROTTLING);

    assertThatThrownBy(() -> store.put("k", SECRET))
        .isInstanceOf(StoreUnavailableException.class)
        .cause().isInstanceOfSatisfying(AwsServiceException.class,
            cause -> assertThat(cause.isThrottlingException()).isTrue());
    assertThat(requests.operations()).containsExactly("UpdateItem", "UpdateItem");
    assertUnchanged();
  }

  @Test
  void serverErrorThatOutlastsTheSdkRetriesIsUnavailable() {
    faults.failAll(Fault.SERVER_ERROR);

    assertThatThrownBy(() -> store.create("new", SECRET))
        .isInstanceOf(StoreUnavailableException.class)
        .cause().isInstanceOfSatisfying(AwsServiceException.class,
            cause -> assertThat(cause.statusCode()).isEqualTo(500));
    faults.heal();
    assertThat(store.exists("new")).isFalse();
  }

  @Test
  void timeoutIsUnavailable() {
    Entry current = store.get("k").orElseThrow();
    faults.failAll(Fault.TIMEOUT);

    try (DynamoDbClient impatient = client(Duration.ofMillis(200))) {
      assertThatThrownBy(() -> store(impatient).update("k", SECRET, current.version()))
          .isInstanceOf(StoreUnavailableException.class)
          .cause().isInstanceOf(SdkClientException.class);
    }
    assertUnchanged();
  }

  @Test
  void droppedConnectionIsUnavailable() {
    faults.failAll(Fault.CONNECTION_DROPPED);

    assertThatThrownBy(() -> store.get("k"))
        .isInstanceOf(StoreUnavailableException.class)
        .cause().isInstanceOf(SdkClientException.class);
  }

  @Test
  void otherServiceErrorIsAStoreExceptionThatTheSdkDoesNotRetry() {
    faults.failAll(Fault.VALIDATION);

    assertThatThrownBy(() -> store.delete("k"))
        .isExactlyInstanceOf(StoreException.class)
        .cause().isInstanceOf(AwsServiceException.class);
    assertThat(requests.operations()).containsExactly("UpdateItem");
    assertUnchanged();
  }

  @Test
  void messagesNameTheOperationAndKeyButNeverTheValue() {
    faults.failAll(Fault.VALIDATION);

    assertThatThrownBy(() -> store.put("k", SECRET))
        .hasMessageContaining("put of key 'k'")
        .hasMessageContaining("ValidationException")
        .hasMessageNotContaining("secret");
  }

  @Test
  void faultTheSdkRetriesAwayIsInvisible() {
    faults.failNext(1, Fault.SERVER_ERROR);

    Entry written = store.put("k", SECRET);

    assertThat(store.get("k")).contains(written);
    assertThat(requests.operations()).containsExactly("UpdateItem", "UpdateItem", "GetItem");
  }

  @Test
  void throttledCommitWritesNothing() {
    faults.failAll(Fault.THROTTLING);

    assertThatThrownBy(() -> store.atomic().set("k", SECRET).set("other", SECRET).commit())
        .isInstanceOf(StoreUnavailableException.class);
    assertUnchanged();
    assertThat(store.exists("other")).isFalse();
  }

  @Test
  void commitCancelledByThrottlingIsUnavailableAndWritesNothing() {
    faults.failAll(Fault.CANCELLED_BY_THROTTLING);

    assertThatThrownBy(() -> store.atomic().set("k", SECRET).set("other", SECRET).commit())
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("ThrottlingError");
    assertThat(requests.operations()).containsExactly("TransactWriteItems");
    assertUnchanged();
  }

  @Test
  void commitCancelledByAConcurrentTransactionIsRetried() {
    faults.failNext(2, Fault.CANCELLED_BY_CONFLICT);

    assertThat(store.atomic().set("k", SECRET).sum("n", 1).commit().ok()).isTrue();

    assertThat(requests.operations()).containsExactly("TransactWriteItems", "TransactWriteItems", "TransactWriteItems");
    assertThat(store.get("n").orElseThrow().asLong()).isEqualTo(1);
  }

  @Test
  void commitThatKeepsConflictingIsUnavailableAndWritesNothing() {
    faults.failAll(Fault.CANCELLED_BY_CONFLICT);

    assertThatThrownBy(() -> store.atomic().set("k", SECRET).commit())
        .isInstanceOf(StoreUnavailableException.class)
        .cause().isInstanceOf(AwsServiceException.class);
    assertThat(requests.operations()).hasSize(5).containsOnly("TransactWriteItems");
    assertUnchanged();
  }

  @Test
  void writeMeetingATransactionInProgressIsRetried() {
    Entry current = store.get("k").orElseThrow();
    requests.clear();
    faults.failNext(1, Fault.TRANSACTION_CONFLICT);

    Entry written = store.update("k", SECRET, current.version());

    assertThat(written.value()).isEqualTo(SECRET);
    assertThat(requests.operations()).containsExactly("UpdateItem", "UpdateItem");
  }

  @Test
  void sdkRetryOfACommitWhoseResponseWasLostAppliesItOnce() {
    faults.failNext(1, Fault.RESPONSE_LOST);

    assertThat(store.atomic().sum("n", 1).commit().ok()).isTrue();

    assertThat(requests.operations()).containsExactly("TransactWriteItems", "TransactWriteItems");
    assertThat(store.get("n").orElseThrow().asLong()).isEqualTo(1);
  }

  @Test
  void getAllThatIsThrottledIsUnavailable() {
    faults.failAll(Fault.THROTTLING);

    assertThatThrownBy(() -> store.getAll(List.of("k", "other")))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> store.list("", ListOptions.defaults()))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(Collections.frequency(requests.operations(), "TransactGetItems")).isEqualTo(2);
  }

  /** A client through the fault injector that tries each request twice, at once, each within {@code timeout}. */
  private DynamoDbClient client(Duration timeout) {
    return server.clientBuilder().overrideConfiguration(c -> c
            .addExecutionInterceptor(faults)
            .addExecutionInterceptor(requests)
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(2)
                .backoffStrategy(BackoffStrategy.retryImmediately())
                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                .circuitBreakerEnabled(false)
                .build())
            .apiCallAttemptTimeout(timeout))
        .build();
  }

  private DynamoDbStore store(DynamoDbClient client) {
    return DynamoDbStore.builder(client, TABLE, bucket).clock(ManualClock.startingNow()).build();
  }

  private void assertUnchanged() {
    faults.heal();
    assertThat(store.get("k").orElseThrow().value()).isEqualTo(ORIGINAL);
  }
}
