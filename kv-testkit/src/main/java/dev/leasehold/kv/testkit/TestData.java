package dev.leasehold.kv.testkit;

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
}
