package dev.leasehold.examples;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A live progress line: rewritten in place on a terminal, printed once a second otherwise (logs, tests).
 */
final class Progress implements AutoCloseable {
  private final PrintWriter out;
  private final LongSupplier done;
  private final long total;
  private final LongSupplier crashes;
  private final boolean terminal = System.console() != null;
  private final long started = System.nanoTime();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "progress");
    thread.setDaemon(true);
    return thread;
  });

  Progress(PrintWriter out, long total, LongSupplier done, LongSupplier crashes) {
    this.out = out;
    this.total = total;
    this.done = done;
    this.crashes = crashes;
    ticker.scheduleAtFixedRate(this::print, 0, terminal ? 200 : 1000, TimeUnit.MILLISECONDS);
  }

  private synchronized void print() {
    long completed = done.getAsLong();
    double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-3);
    int width = 30;
    int filled = total == 0 ? width : (int) (width * completed / total);
    String line = String.format("  [%s%s] %d/%d jobs done, %.0f jobs/s, %d crashes",
        "#".repeat(filled), " ".repeat(width - filled), completed, total, completed / seconds,
        crashes.getAsLong());
    out.print(terminal ? "\r" + line : line + System.lineSeparator());
    out.flush();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    print();
    if (terminal) {
      out.println();
    }
    out.flush();
  }
}
