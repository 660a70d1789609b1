package dev.leasehold.examples;

import dev.leasehold.kv.Limits;
import dev.leasehold.kv.Backoff;
import dev.leasehold.kv.CommitResult;
import dev.leasehold.kv.Entry;
import dev.leasehold.kv.Store;
import dev.leasehold.kv.codec.JsonCodec;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Deno KV's transferFunds: concurrent transfers between accounts, each an atomic commit that checks both
 * balances are unchanged since they were read, retried optimistically on conflict.
 */
@Command(name = "bank-transfer", mixinStandardHelpOptions = true,
    description = "Concurrent transfers between accounts: atomic commits with optimistic retry. "
        + "Checks that the total balance is preserved.")
final class BankTransfer implements Callable<Integer> {
  private static final JsonCodec<Account> ACCOUNTS = JsonCodec.of(Account.class);
  /** A counter every transfer commit adds one to: it must end equal to the transfers the threads saw commit. */
  private static final String TRANSFER_COUNT = "stats/transfers";

  @Mixin
  private BackendOptions backend;

  @Spec
  private CommandSpec spec;

  @Option(names = "--accounts", defaultValue = "10", description = "Number of accounts (default: ${DEFAULT-VALUE}).")
  private int accounts;

  @Option(names = "--threads", defaultValue = "8", description = "Concurrent threads (default: ${DEFAULT-VALUE}).")
  private int threads;

  @Option(names = "--transfers", defaultValue = "1000",
      description = "Transfers to attempt in total (default: ${DEFAULT-VALUE}).")
  private int transfers;

  @Option(names = "--initial-balance", defaultValue = "1000",
      description = "Starting balance of every account (default: ${DEFAULT-VALUE}).")
  private long initialBalance;

  /** An account as stored, in JSON. */
  record Account(String owner, long balance) {}

  @Override
  public Integer call() throws Exception {
    Arguments.requireAtLeast(spec, "--accounts", accounts, 2);
    // Seeded in one commit and totalled with one getAll.
    Arguments.requireAtMost(spec, "--accounts", accounts, Math.min(Limits.MAX_COMMIT_KEYS, Limits.MAX_BATCH_KEYS));
    Arguments.requireAtLeast(spec, "--threads", threads, 1);
    Arguments.requireAtLeast(spec, "--transfers", transfers, 0);
    PrintWriter out = spec.commandLine().getOut();
    try (Backend opened = backend.open(out); Store store = opened.store("bank-transfer")) {
      List<String> keys = new ArrayList<>();
      var seed = store.atomic();
      for (int i = 0; i < accounts; i++) {
        String key = String.format("account/%03d", i);
        keys.add(key);
        seed.set(key, ACCOUNTS.encode(new Account("owner-" + i, initialBalance)));
      }
      seed.commit();
      long before = total(store, keys);

      Transfers run = new Transfers(store, keys);
      long started = System.nanoTime();
      Workers.run("transfer", threads, transfers, i -> run.transferRandomly());
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

      long after = total(store, keys);
      long counted = store.get(TRANSFER_COUNT).map(Entry::asLong).orElse(0L);
      boolean countsAgree = counted == run.committed.sum();
      out.printf("accounts:               %d, %d threads, %s%n", accounts, threads, opened);
      out.printf("transfers committed:    %d, counted by the store in the same commits: %d%n",
          run.committed.sum(), counted);
      out.printf("insufficient funds:     %d%n", run.insufficient.sum());
      out.printf("gave up after retries:  %d%n", run.abandoned.sum());
      out.printf("conflicts retried:      %d%n", run.retries.sum());
      out.printf("total balance:          %d before, %d after: %s%n", before, after,
          before == after ? "preserved" : "NOT PRESERVED");
      out.printf("throughput:             %.0f transfers/s%n", transfers / Math.max(elapsed.toNanos() / 1e9, 1e-9));
      out.flush();
      return before == after && countsAgree ? 0 : 1;
    }
  }

  private static long total(Store store, List<String> keys) {
    return store.getAll(keys).values().stream().mapToLong(e -> ACCOUNTS.decode(e.value()).balance()).sum();
  }

  /** The transfer logic and its counters. */
  private static final class Transfers {
    private final Store store;
    private final List<String> keys;
    private final Retry retry;
    private final LongAdder committed = new LongAdder();
    private final LongAdder insufficient = new LongAdder();
    private final LongAdder abandoned = new LongAdder();
    private final LongAdder retries = new LongAdder();

    Transfers(Store store, List<String> keys) {
      this.store = store;
      this.keys = keys;
      this.retry = Retry.of("transfer", RetryConfig.<Outcome>custom()
          .maxAttempts(50)
          .intervalFunction(Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(50)).intervalFunction())
          .retryOnResult(outcome -> outcome == Outcome.CONFLICT)
          .failAfterMaxAttempts(false)
          .build());
      retry.getEventPublisher().onRetry(event -> retries.increment());
    }

    void transferRandomly() {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      int from = random.nextInt(keys.size());
      int to = (from + 1 + random.nextInt(keys.size() - 1)) % keys.size();
      long amount = random.nextLong(1, 200);
      switch (retry.executeSupplier(() -> transfer(keys.get(from), keys.get(to), amount))) {
        case COMMITTED -> committed.increment();
        case INSUFFICIENT_FUNDS -> insufficient.increment();
        case CONFLICT -> abandoned.increment();
      }
    }

    /** One attempt: read both accounts, then commit only if neither changed since. */
    private Outcome transfer(String fromKey, String toKey, long amount) {
      Map<String, Entry> both = store.getAll(List.of(fromKey, toKey));
      Entry fromEntry = both.get(fromKey);
      Entry toEntry = both.get(toKey);
      Account from = ACCOUNTS.decode(fromEntry.value());
      Account to = ACCOUNTS.decode(toEntry.value());
      if (from.balance() < amount) {
        return Outcome.INSUFFICIENT_FUNDS;
      }
      CommitResult result = store.atomic()
          .check(fromKey, fromEntry.version())
          .check(toKey, toEntry.version())
          .set(fromKey, ACCOUNTS.encode(new Account(from.owner(), from.balance() - amount)))
          .set(toKey, ACCOUNTS.encode(new Account(to.owner(), to.balance() + amount)))
          .sum(TRANSFER_COUNT, 1)
          .commit();
      return result.ok() ? Outcome.COMMITTED : Outcome.CONFLICT;
    }
  }

  private enum Outcome { COMMITTED, INSUFFICIENT_FUNDS, CONFLICT }
}
