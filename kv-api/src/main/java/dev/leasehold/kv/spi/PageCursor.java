package dev.leasehold.kv.spi;

import dev.leasehold.kv.codec.Codec;
import dev.leasehold.kv.codec.CodecException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursor of a listing page: the last key the page covered, so the next page starts strictly
 * after it (strictly before it in reverse). Backends share this encoding so cursors behave the same
 * everywhere.
 */
public final class PageCursor {
  private PageCursor() {}

  /**
   * Encodes the position after {@code lastKey}.
   *
   * @param lastKey the last key covered by the page
   * @return the cursor
   */
  public static String encode(String lastKey) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Decodes a cursor issued for a listing of {@code prefix}.
   *
   * @param cursor the cursor
   * @param prefix the prefix of the listing it is used with
   * @return the last key the previous page covered
   * @throws IllegalArgumentException if the cursor is malformed or was issued for another prefix
   */
  public static String decode(String cursor, String prefix) {
    String key;
    try {
      key = Codec.utf8().decode(Base64.getUrlDecoder().decode(cursor));
    } catch (IllegalArgumentException | CodecException e) {
      throw new IllegalArgumentException("malformed list cursor", e);
    }
    if (key.isEmpty() || !key.startsWith(prefix)) {
      throw new IllegalArgumentException("list cursor was not issued for this prefix");
    }
    return key;
  }
}
