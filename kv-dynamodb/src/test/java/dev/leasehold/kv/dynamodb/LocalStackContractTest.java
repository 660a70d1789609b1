package dev.leasehold.kv.dynamodb;

import dev.leasehold.kv.Store;
import dev.leasehold.kv.testkit.DynamoDbLocal;
import dev.leasehold.kv.testkit.StoreContract;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The whole Store contract against LocalStack's DynamoDB in Docker; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackContractTest extends StoreContract {
  private static final String TABLE = "contract";

  @Container
  private static final LocalStackContainer LOCALSTACK =
      new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8"))
          .withServices(LocalStackContainer.EnabledService.named("dynamodb"));

  private static DynamoDbClient client;

  @BeforeAll
  static void createTable() {
    client = DynamoDbClient.builder()
        .endpointOverride(LOCALSTACK.getEndpoint())
        .region(Region.of(LOCALSTACK.getRegion()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
    DynamoDbTables.ensure(client, TABLE);
  }

  @AfterAll
  static void closeClient() {
    client.close();
  }

  @Override
  protected Store createStore(Clock clock) {
    return DynamoDbStore.builder(client, TABLE, DynamoDbLocal.uniqueName("bucket")).clock(clock).build();
  }
}
