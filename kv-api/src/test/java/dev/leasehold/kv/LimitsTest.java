package dev.leasehold.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LimitsTest {

  @Test
  void utf8LengthMatchesTheEncoder() {
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      StringBuilder s = new StringBuilder();
      int codePoints = random.nextInt(20);
      for (int j = 0; j < codePoints; j++) {
        int cp = random.nextInt(Character.MAX_CODE_POINT + 1);
        if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
          s.appendCodePoint(cp);
        }
      }
      String string = s.toString();
      assertThat(Limits.utf8Length(string)).isEqualTo(string.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void keyOfExactlyTheLimitIsAccepted() {
    assertThat(Limits.checkKey("🔑".repeat(Limits.MAX_KEY_BYTES / 4))).hasSize(Limits.MAX_KEY_BYTES / 2);
  }

  @Test
  void emptyPrefixIsAcceptedButAnEmptyKeyIsNot() {
    assertThat(Limits.checkPrefix("")).isEmpty();
    assertThatThrownBy(() -> Limits.checkKey("")).isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void surrogatePairIsAcceptedAndReversedPairIsNot() {
    assertThat(Limits.checkKey("\uD83D\uDD11")).isNotEmpty();
    assertThatThrownBy(() -> Limits.checkKey("\uDD11\uD83D")).isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("index 0");
  }

  @Test
  void expiryMustLieStrictlyAfterNowAndBeforeTheLastInstant() {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");

    assertThat(Limits.checkExpiry(now.plusMillis(1), now)).isEqualTo(now.plusMillis(1));
    assertThatThrownBy(() -> Limits.checkExpiry(now, now)).isInstanceOf(InvalidTtlException.class);
    assertThatThrownBy(() -> Limits.checkExpiry(Limits.MAX_EXPIRY, now)).isInstanceOf(InvalidTtlException.class);
  }
}
