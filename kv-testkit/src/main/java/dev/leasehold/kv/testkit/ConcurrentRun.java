package dev.leasehold.kv.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs a body on several threads released at the same instant, and fails the test if any body fails. */
final class ConcurrentRun {
  /** Generous, so a slow machine does not fail a correct backend; a hang still ends the test. */
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  private ConcurrentRun() {}

  interface Body {
    void run(int thread) throws Exception;
  }

  static void run(int threads, Body body) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          start.await();
          body.run(thread);
          return null;
        }));
      }
      start.countDown();
      pool.shutdown();
      assertThat(pool.awaitTermination(DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
          .as("threads finished within %s", DEADLINE).isTrue();
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (Exception e) {
      throw new AssertionError("a concurrent body failed", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
