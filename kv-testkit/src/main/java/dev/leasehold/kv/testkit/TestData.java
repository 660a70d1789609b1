package dev.leasehold.kv.testkit;

import dev.leasehold.kv.Limits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Values and key sets shared by the contract tests. */
final class TestData {
  private TestData() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code count} keys under {@code prefix}, zero-padded so their string and byte orders agree. */
  static List<String> keys(String prefix, int count) {
    List<String> keys = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      keys.add(String.format("%s%04d", prefix, i));
    }
    return keys;
  }

  /**
   * Keys that must round-trip unchanged: separators, quotes, expression syntax, scripts, emoji, control
   * characters and keys of exactly the maximum length.
   */
  static List<String> specialKeys() {
    return List.of(
        "simple", "with space", " leading space", "trailing space ", "tab\tkey", "new\nline", "\u0001control",
        "#hash", "#v", ":colon", ":v", "a:b#c", "\"double\"", "'single'", "`backtick`", "\\backslash",
        "/", "//", "a//b", "/leading", "trailing/", "%", "%s%n", "*", "?", "[]", ".", "..",
        "#v = :v AND attribute_exists(pk)", "attribute_not_exists(sk) OR size(val) > :x", "SET v = :v",
        "${injection}", "{\"json\":true}", "<xml attr='1'/>", "SELECT * FROM t; --",
        "日本語のキー", "ключ", "κλειδί", "مفتاح", "é", "e\u0301", "\u00A0nbsp", "\uFFFF", "\uFEFFbom",
        "🔑", "👩‍👩‍👧‍👦", "🏳️‍🌈", "a🔑b",
        "x".repeat(Limits.MAX_KEY_BYTES),
        "é".repeat(Limits.MAX_KEY_BYTES / 2),
        "日".repeat(Limits.MAX_KEY_BYTES / 3) + "x",
        "🔑".repeat(Limits.MAX_KEY_BYTES / 4));
  }

  /** Splits {@code items} into consecutive batches of at most {@code size}. */
  static <T> List<List<T>> batches(List<T> items, int size) {
    List<List<T>> batches = new ArrayList<>();
    for (int i = 0; i < items.size(); i += size) {
      batches.add(items.subList(i, Math.min(items.size(), i + size)));
    }
    return batches;
  }
}
