package dev.leasehold.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * (b) Uncontended acquire+release cycles on one thread, one lock name per library, in rounds that alternate
 * the libraries (rotating which goes first), after one warm-up round.
 */
final class UncontendedCycles {
  private static final String NAME = "cycle";

  private final Settings settings;

  UncontendedCycles(Settings settings) {
    this.settings = settings;
  }

  /**
   * Runs the rounds.
   *
   * @param contenders the libraries; the first is the one the others are compared with
   */
  Section run(List<Contender> contenders) throws InterruptedException {
    Map<Contender, List<Double>> rates = new HashMap<>();
    Map<Contender, List<Long>> latencies = new HashMap<>();
    Map<Contender, Requests> afterWarmup = new HashMap<>();
    for (int round = 0; round <= settings.cycleRounds(); round++) {
      for (int i = 0; i < contenders.size(); i++) {
        Contender contender = contenders.get((round + i) % contenders.size());
        List<Long> cycles = cycles(contender.locks());
        if (round == 0) {
          continue; // warm-up
        }
        long total = cycles.stream().mapToLong(Long::longValue).sum();
        rates.computeIfAbsent(contender, c -> new ArrayList<>()).add(cycles.size() / (total / 1e9));
        latencies.computeIfAbsent(contender, c -> new ArrayList<>()).addAll(cycles);
      }
      if (round == 0) {
        // Each library has a client of its own, so its counter sees only its own cycles from here on.
        contenders.forEach(contender -> afterWarmup.put(contender, contender.requests().snapshot()));
      }
    }
    Contender base = contenders.get(0);
    Table table = new Table("library", "cycles/s, median (range over rounds)", "cycle p50 / p90",
        base.name() + " ÷ library, cycles/s (median of rounds)", "requests per cycle", "request on the wire, mean");
    long cycles = (long) settings.cycleRounds() * settings.cyclesPerRound();
    for (Contender contender : contenders) {
      List<Double> ratios = new ArrayList<>();
      for (int round = 0; round < settings.cycleRounds(); round++) {
        ratios.add(rates.get(base).get(round) / rates.get(contender).get(round));
      }
      Samples latency = Samples.of(latencies.get(contender));
      Requests sent = contender.requests().snapshot().since(afterWarmup.get(contender));
      table.row(contender.name(), Samples.of(rates.get(contender)).medianAndRange("%.0f"),
          String.format(Locale.ROOT, "%.2f / %.2f ms", latency.median() / 1e6, latency.percentile(90) / 1e6),
          Samples.of(ratios).medianAndRange("%.2f"), sent.per(cycles), sent.wirePerRequest());
    }
    return new Section("(b) Uncontended acquire + release",
        String.format(Locale.ROOT, "One thread acquires and releases one lock name, %d cycles per library per "
            + "round; %d rounds after a warm-up round, the libraries alternating and rotating which goes first. "
            + "The ratio is taken within each round, so drift of the machine between rounds cancels out.",
            settings.cyclesPerRound(), settings.cycleRounds()),
        table, List.of("The time on the wire runs from the transmission of a request to its response: DynamoDB "
            + "Local's share of the cycle. It differs between libraries because their requests differ (a read or a "
            + "write, the length of the condition and update expressions, whether the new item is returned); on "
            + "DynamoDB such differences are small next to the network round trip, while the number of requests "
            + "stays what it is."));
  }

  /** Nanoseconds of each cycle. */
  private List<Long> cycles(LockService locks) throws InterruptedException {
    List<Long> nanos = new ArrayList<>(settings.cyclesPerRound());
    for (int i = 0; i < settings.cyclesPerRound(); i++) {
      long start = System.nanoTime();
      locks.acquire(NAME).release();
      nanos.add(System.nanoTime() - start);
    }
    return nanos;
  }
}
