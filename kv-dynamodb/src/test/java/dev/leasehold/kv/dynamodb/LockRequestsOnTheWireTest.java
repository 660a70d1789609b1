package dev.leasehold.kv.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leasehold.kv.testkit.DynamoDbLocal;
import dev.leasehold.kv.testkit.DynamoDbLocalServer;
import dev.leasehold.locks.Lease;
import dev.leasehold.locks.LockAttempt;
import dev.leasehold.locks.LockClient;
import dev.leasehold.locks.LockOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** What a lease costs on DynamoDB, counted on the wire: one request per acquire, renew, release and failed try. */
@ExtendWith(DynamoDbLocal.class)
class LockRequestsOnTheWireTest {
  private static final String TABLE = "lock-requests";
  private static final LockOptions MANUAL = LockOptions.lease(Duration.ofSeconds(30)).manualRenewal().noWait();

  private final RequestLog requests = new RequestLog();
  private DynamoDbClient client;
  private DynamoDbStore store;
  private LockClient alice;
  private LockClient bob;

  @BeforeAll
  static void createTable(DynamoDbClient shared) {
    DynamoDbTables.ensure(shared, TABLE);
  }

  @BeforeEach
  void createClients(DynamoDbLocalServer server) {
    client = server.newClient(requests);
    store = DynamoDbStore.builder(client, TABLE, DynamoDbLocal.uniqueName("bucket")).build();
    alice = LockClient.builder(store).owner("alice").build();
    bob = LockClient.builder(store).owner("bob").build();
  }

  @AfterEach
  void close() {
    alice.close();
    bob.close();
    client.close();
  }

  @Test
  void uncontendedAcquireIsOneUpdateItem() throws InterruptedException {
    alice.acquire("orders/42", MANUAL);

    assertThat(requests.operations()).containsExactly("UpdateItem");
  }

  @Test
  void renewalIsOneUpdateItem() throws InterruptedException {
    Lease lease = alice.acquire("orders/42", MANUAL);
    requests.clear();

    lease.renew();

    assertThat(requests.operations()).containsExactly("UpdateItem");
  }

  @Test
  void releaseIsOneUpdateItem() throws InterruptedException {
    Lease lease = alice.acquire("orders/42", MANUAL);
    requests.clear();

    lease.close();

    assertThat(requests.operations()).containsExactly("UpdateItem");
  }

  @Test
  void failedTryIsOneUpdateItemThatNamesTheHolder() throws InterruptedException {
    Lease held = alice.acquire("orders/42", MANUAL);
    requests.clear();

    LockAttempt attempt = bob.tryAcquire("orders/42", MANUAL);

    assertThat(requests.operations()).containsExactly("UpdateItem");
    assertThat(attempt.acquired()).isFalse();
    assertThat(attempt.holder().orElseThrow().owner()).isEqualTo("alice");
    assertThat(attempt.holder().orElseThrow().fencingToken()).isEqualTo(held.fencingToken());
  }

  @Test
  void acquireAfterAReleaseIsOneUpdateItem() throws InterruptedException {
    alice.acquire("orders/42", MANUAL).close();
    requests.clear();

    Lease lease = bob.acquire("orders/42", MANUAL);

    assertThat(requests.operations()).containsExactly("UpdateItem");
    assertThat(lease.isValid()).isTrue();
  }
}
