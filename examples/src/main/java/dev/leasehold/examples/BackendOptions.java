package dev.leasehold.examples;

import java.io.PrintWriter;
import java.net.URI;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where an example keeps its data. The default is DynamoDB Local started inside this process on a loopback
 * port, so nothing needs installing; {@code --memory} uses the in-memory store; {@code --endpoint} uses any
 * DynamoDB-compatible endpoint with credentials from the AWS SDK's default chain.
 */
final class BackendOptions {
  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  @Option(names = "--memory", description = "Use the in-memory store instead of an embedded DynamoDB Local.")
  private boolean memory;

  @Option(names = "--endpoint", paramLabel = "URL",
      description = "Use this DynamoDB endpoint (real DynamoDB, LocalStack, ...) instead of an embedded "
          + "DynamoDB Local; credentials come from the AWS SDK's default chain.")
  private URI endpoint;

  @Option(names = "--region", defaultValue = "us-east-1",
      description = "Region for --endpoint (default: ${DEFAULT-VALUE}).")
  private String region;

  @Option(names = "--table", defaultValue = "leasehold-examples",
      description = "Table for --endpoint, created if missing (default: ${DEFAULT-VALUE}).")
  private String table;

  /** Opens the chosen backend, saying on {@code out} what it is. */
  Backend open(PrintWriter out) {
    if (memory && endpoint != null) {
      throw new ParameterException(spec.commandLine(), "--memory and --endpoint are mutually exclusive");
    }
    Backend backend;
    if (memory) {
      backend = Backend.memory();
    } else if (endpoint != null) {
      backend = Backend.dynamoDb(endpoint, region, table);
    } else {
      out.println("starting an embedded DynamoDB Local (use --memory to skip) ...");
      out.flush();
      backend = Backend.embeddedDynamoDb(table);
    }
    out.println("backend: " + backend);
    out.flush();
    return backend;
  }
}
