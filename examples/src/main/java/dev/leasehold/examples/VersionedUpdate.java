package dev.leasehold.examples;

import dev.leasehold.kv.Backoff;
import dev.leasehold.kv.Store;
import dev.leasehold.kv.TypedStore;
import dev.leasehold.kv.Versioned;
import dev.leasehold.kv.codec.JsonCodec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * rostore's {@code update(key, fn)}: many threads apply a function to one JSON document through
 * {@link TypedStore#update}, which retries on conflict with the entry the conflict reported.
 */
@Command(name = "versioned-update", mixinStandardHelpOptions = true,
    description = "Optimistic read-modify-write of one document under contention (TypedStore.update). "
        + "Checks that no update is lost and counts the retries.")
final class VersionedUpdate implements Callable<Integer> {
  private static final String KEY = "documents/shared";

  @Mixin
  private BackendOptions backend;

  @Spec
  private CommandSpec spec;

  @Option(names = "--threads", defaultValue = "8", description = "Concurrent writers (default: ${DEFAULT-VALUE}).")
  private int threads;

  @Option(names = "--updates", defaultValue = "50",
      description = "Updates per writer (default: ${DEFAULT-VALUE}).")
  private int updates;

  /** The shared document. */
  record Document(long counter, String lastWriter) {}

  @Override
  public Integer call() throws Exception {
    Arguments.requireAtLeast(spec, "--threads", threads, 1);
    Arguments.requireAtLeast(spec, "--updates", updates, 0);
    PrintWriter out = spec.commandLine().getOut();
    try (Backend opened = backend.open(out); Store store = opened.store("versioned-update")) {
      TypedStore<Document> documents = TypedStore.builder(store, JsonCodec.of(Document.class))
          .maxAttempts(1_000)
          .backoff(Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(50)))
          .build();
      documents.put(KEY, new Document(0, "nobody"));
      LongAdder calls = new LongAdder();

      long started = System.nanoTime();
      Workers.run("writer", threads, threads * updates, i -> documents.update(KEY, d -> {
        calls.increment();
        return new Document(d.counter() + 1, Thread.currentThread().getName());
      }));
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

      Versioned<Document> last = documents.get(KEY).orElseThrow();
      long expected = (long) threads * updates;
      out.printf("writers:            %d threads x %d updates, %s%n", threads, updates, opened);
      out.printf("final counter:      %d (expected %d): %s%n", last.value().counter(), expected,
          last.value().counter() == expected ? "no update lost" : "UPDATES LOST");
      out.printf("retries:            %d (%.2f per update)%n", calls.sum() - expected,
          expected == 0 ? 0.0 : (calls.sum() - expected) / (double) expected);
      out.printf("final version:      %d, last writer %s%n", last.version(), last.value().lastWriter());
      out.printf("throughput:         %.0f updates/s%n", expected / Math.max(elapsed.toNanos() / 1e9, 1e-9));
      out.flush();
      return last.value().counter() == expected ? 0 : 1;
    }
  }
}
