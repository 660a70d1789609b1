package dev.leasehold.locks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ListenerEventsTest {

  @Test
  void eventsRunOneAtATimeInTheOrderTheyWereAddedEvenOnAPool() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    ListenerEvents events = new ListenerEvents(pool);
    List<Integer> delivered = new ArrayList<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();

    for (int i = 0; i < 10_000; i++) {
      int event = i;
      events.add(() -> {
        if (running.incrementAndGet() != 1) {
          overlaps.incrementAndGet();
        }
        delivered.add(event);
        running.decrementAndGet();
      });
      if (i % 7 == 0) {
        events.deliver();
      }
    }
    events.deliver();
    pool.shutdown();

    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(overlaps).hasValue(0);
    assertThat(delivered).hasSize(10_000).isSorted();
  }

  @Test
  void nothingRunsUntilDelivered() {
    List<Runnable> submitted = new ArrayList<>();
    ListenerEvents events = new ListenerEvents(submitted::add);

    events.add(() -> {});

    assertThat(submitted).isEmpty();
    events.deliver();
    events.deliver();
    assertThat(submitted).hasSize(1);
  }

  @Test
  void anEventThatThrowsDoesNotStopTheOnesAfterIt() {
    List<String> delivered = new ArrayList<>();
    ListenerEvents events = new ListenerEvents(Runnable::run);

    events.add(() -> {
      throw new IllegalStateException("a listener's bug");
    });
    events.add(() -> delivered.add("after"));
    events.deliver();

    assertThat(delivered).containsExactly("after");
  }

  @Test
  void anEventAddedWhileDeliveringRunsAfterTheCurrentOneInTheSameDelivery() {
    List<String> delivered = new ArrayList<>();
    ListenerEvents events = new ListenerEvents(Runnable::run);

    events.add(() -> {
      events.add(() -> delivered.add("second"));
      events.deliver();
      delivered.add("first");
    });
    events.deliver();

    assertThat(delivered).containsExactly("first", "second");
  }

  @Test
  void eventsRunInTheDeliveringThreadWhenTheExecutorRejectsThem() {
    List<String> threads = new ArrayList<>();
    ListenerEvents events = new ListenerEvents(task -> {
      throw new RejectedExecutionException("shut down");
    });

    events.add(() -> threads.add(Thread.currentThread().getName()));
    events.deliver();

    assertThat(threads).containsExactly(Thread.currentThread().getName());
  }
}
