package dev.leasehold.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Shares a number of tasks among threads and surfaces the first failure. */
final class Workers {
  private Workers() {}

  /**
   * Runs {@code task} for every index in {@code [0, tasks)} on {@code threads} threads and waits.
   *
   * @throws Exception the first exception a task threw
   */
  static void run(String name, int threads, int tasks, IntConsumer task) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger started = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads,
        r -> new Thread(r, name + "-" + started.incrementAndGet()));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
            task.accept(i);
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
