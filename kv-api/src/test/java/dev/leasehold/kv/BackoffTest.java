package dev.leasehold.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = Backoff.exponential(Duration.ofMillis(10), Duration.ofMillis(100));

  @Test
  void delaysAreJitteredBelowTwiceTheExponentialMean() {
    assertThat(IntStream.range(0, 1_000).mapToObj(i -> backoff.delay(1)))
        .allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(20)));
    assertThat(IntStream.range(0, 1_000).mapToObj(i -> backoff.delay(3)))
        .allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(80)));
  }

  @Test
  void delaysNeverExceedTheCap() {
    assertThat(IntStream.range(0, 1_000).mapToObj(i -> backoff.delay(30)))
        .allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(100)));
  }

  @Test
  void lateAttemptsCostNoMoreThanEarlyOnes() {
    assertThat(IntStream.range(0, 1_000).mapToObj(i -> backoff.delay(Integer.MAX_VALUE)))
        .allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(100)))
        .anySatisfy(d -> assertThat(d).isEqualTo(Duration.ofMillis(100)));
  }

  @Test
  void delaysSpreadRatherThanRepeat() {
    assertThat(IntStream.range(0, 200).mapToObj(i -> backoff.delay(4)).distinct().count()).isGreaterThan(10);
  }

  @Test
  void invalidSettingsAreRejected() {
    assertThatThrownBy(() -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> backoff.delay(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
