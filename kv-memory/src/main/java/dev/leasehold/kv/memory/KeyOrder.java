package dev.leasehold.kv.memory;

import java.util.Comparator;

/**
 * Orders keys by their UTF-8 bytes, as DynamoDB does. For valid strings that equals Unicode code point
 * order, which differs from {@link String#compareTo} only where a supplementary character (a surrogate pair)
 * meets a BMP character at or above U+E000.
 */
final class KeyOrder implements Comparator<String> {
  static final KeyOrder INSTANCE = new KeyOrder();

  private KeyOrder() {}

  @Override
  public int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return Integer.compare(codePointRank(x), codePointRank(y));
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  /**
   * The smallest string above every string that starts with {@code prefix}, or null when there is none
   * (the prefix is empty or made of U+10FFFF only).
   */
  static String successor(String prefix) {
    int end = prefix.length();
    while (end > 0) {
      int cp = prefix.codePointBefore(end);
      int length = Character.charCount(cp);
      if (cp < Character.MAX_CODE_POINT) {
        int next = cp + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : cp + 1;
        return prefix.substring(0, end - length) + Character.toString(next);
      }
      end -= length;
    }
    return null;
  }

  /** Moves surrogates above U+E000..U+FFFF so UTF-16 units compare in code point order. */
  private static int codePointRank(char c) {
    if (c < Character.MIN_SURROGATE) {
      return c;
    }
    return Character.isSurrogate(c) ? c + 0x2000 : c - 0x800;
  }
}
