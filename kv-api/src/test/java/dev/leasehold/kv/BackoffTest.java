package dev.leasehold.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
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
  void cappedDelaysSpreadOverTheWholeWindowInsteadOfPilingUpAtTheCap() {
    List<Duration> delays = IntStream.range(0, 10_000).mapToObj(i -> backoff.delay(30)).toList();

    // Uniform over 0..100 ms puts about 1 % on the cap; drawing past it and clamping would put half or more.
    assertThat(delays).filteredOn(d -> d.equals(Duration.ofMillis(100))).hasSizeLessThan(500);
    assertThat(delays).filteredOn(d -> d.compareTo(Duration.ofMillis(50)) < 0).hasSizeBetween(4_000, 6_000);
  }

  @Test
  void theLatestAttemptsAreStillCapped() {
    assertThat(IntStream.range(0, 1_000).mapToObj(i -> backoff.delay(Integer.MAX_VALUE)))
        .allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(100)));
  }

  @Test
  void theIntervalFunctionDrawsTheSameDelays() {
    assertThat(IntStream.range(0, 1_000).mapToObj(i -> backoff.intervalFunction().apply(2)))
        .allSatisfy(millis -> assertThat(millis).isBetween(0L, 40L));
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
