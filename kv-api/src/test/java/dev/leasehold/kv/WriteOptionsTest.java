package dev.leasehold.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WriteOptionsTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00.000500Z");

  @Test
  void ttlResolvesFromNowRoundedUpToTheMillisecond() {
    assertThat(WriteOptions.ttl(Duration.ofSeconds(10)).expiryAt(NOW))
        .contains(Instant.parse("2030-01-01T00:00:10.001Z"));
    assertThat(WriteOptions.ttl(Duration.ofSeconds(10)).expiryAt(NOW.minusNanos(500_000)))
        .contains(Instant.parse("2030-01-01T00:00:10Z"));
  }

  @Test
  void noneAndKeepTtlResolveToNoNewExpiry() {
    assertThat(WriteOptions.none().expiryAt(NOW)).isEmpty();
    assertThat(WriteOptions.keepTtl().expiryAt(NOW)).isEmpty();
    assertThat(WriteOptions.keepTtl().keepsTtl()).isTrue();
    assertThat(WriteOptions.none().keepsTtl()).isFalse();
  }

  @Test
  void absurdlyLongTtlIsRejectedInsteadOfOverflowing() {
    WriteOptions forever = WriteOptions.ttl(Duration.ofSeconds(Long.MAX_VALUE));

    assertThatThrownBy(() -> forever.expiryAt(NOW)).isInstanceOf(InvalidTtlException.class);
  }

  @Test
  void expiryInstantIsRoundedUpNeverDown() {
    assertThat(WriteOptions.expiresAt(NOW.plusNanos(100)).expiryAt(NOW))
        .contains(Instant.parse("2030-01-01T00:00:00.001Z"));
    assertThatThrownBy(() -> WriteOptions.expiresAt(NOW.minusNanos(1)).expiryAt(NOW))
        .isInstanceOf(InvalidTtlException.class);
  }

  @Test
  void optionsAreValues() {
    assertThat(WriteOptions.ttl(Duration.ofSeconds(1))).isEqualTo(WriteOptions.ttl(Duration.ofMillis(1000)))
        .hasToString("WriteOptions[ttl=PT1S]");
    assertThat(WriteOptions.expiresAt(NOW)).isNotEqualTo(WriteOptions.ttl(Duration.ofSeconds(1)));
  }
}
