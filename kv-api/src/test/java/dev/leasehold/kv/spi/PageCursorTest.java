package dev.leasehold.kv.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageCursorTest {

  @Test
  void cursorRoundTripsAnyKeyUnderItsPrefix() {
    String key = "orders/🔑 #v = :v/\"x\"";

    assertThat(PageCursor.decode(PageCursor.encode(key), "orders/")).isEqualTo(key);
    assertThat(PageCursor.decode(PageCursor.encode(key), "")).isEqualTo(key);
  }

  @Test
  void cursorIsUrlSafe() {
    assertThat(PageCursor.encode("???>>>~~~")).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void foreignOrMalformedCursorsAreRejected() {
    String cursor = PageCursor.encode("orders/1");

    assertThatThrownBy(() -> PageCursor.decode(cursor, "users/")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PageCursor.decode("not base64!", "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PageCursor.decode("__8", "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PageCursor.decode("", "")).isInstanceOf(IllegalArgumentException.class);
  }
}
