package dev.leasehold.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EntryTest {

  @Test
  void valueIsCopiedOnTheWayInAndOut() {
    byte[] value = "secret".getBytes(StandardCharsets.UTF_8);
    Entry entry = Entry.of("k", value, 1, Optional.empty());
    value[0] = 'X';
    entry.value()[1] = 'Y';

    assertThat(entry.value()).isEqualTo("secret".getBytes(StandardCharsets.UTF_8));
    assertThat(entry.valueLength()).isEqualTo(6);
  }

  @Test
  void toStringNeverShowsTheValue() {
    Entry entry = Entry.of("k", "secret".getBytes(StandardCharsets.UTF_8), 7,
        Optional.of(Instant.parse("2030-01-01T00:00:00Z")));

    assertThat(entry.toString()).doesNotContain("secret").contains("k", "7", "6 bytes", "2030");
  }

  @Test
  void counterReadsBackAsALongAndBytesDoNot() {
    Entry counter = Entry.counter("n", Long.MIN_VALUE, 3);
    Entry bytes = Entry.of("b", "12".getBytes(StandardCharsets.US_ASCII), 4, Optional.empty());

    assertThat(counter.asLong()).isEqualTo(Long.MIN_VALUE);
    assertThat(counter.isCounter()).isTrue();
    assertThat(counter.expiresAt()).isEmpty();
    assertThatThrownBy(bytes::asLong).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void equalityCoversEveryField() {
    Entry a = Entry.of("k", new byte[] {1}, 1, Optional.empty());

    assertThat(a).isEqualTo(Entry.of("k", new byte[] {1}, 1, Optional.empty()))
        .hasSameHashCodeAs(Entry.of("k", new byte[] {1}, 1, Optional.empty()))
        .isNotEqualTo(Entry.of("k", new byte[] {2}, 1, Optional.empty()))
        .isNotEqualTo(Entry.of("k", new byte[] {1}, 2, Optional.empty()))
        .isNotEqualTo(Entry.of("k", new byte[] {1}, 1, Optional.of(Instant.EPOCH)));
    assertThat(Entry.counter("k", 49, 1)).isNotEqualTo(Entry.of("k", new byte[] {'4', '9'}, 1, Optional.empty()));
  }

  @Test
  void versionsArePositive() {
    assertThatThrownBy(() -> Entry.counter("k", 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
