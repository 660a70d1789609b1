package dev.leasehold.kv.codec;

import java.nio.charset.StandardCharsets;

final class LongCodec implements Codec<Long> {
  static final LongCodec INSTANCE = new LongCodec();

  private LongCodec() {}

  @Override
  public byte[] encode(Long value) {
    return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public Long decode(byte[] bytes) {
    try {
      return Long.parseLong(new String(bytes, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      throw new CodecException("bytes are not a decimal signed 64-bit integer", null);
    }
  }
}
