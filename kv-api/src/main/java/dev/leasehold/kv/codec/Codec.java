package dev.leasehold.kv.codec;

/**
 * Converts between typed values and the bytes a {@link dev.leasehold.kv.Store} holds. Implementations are
 * immutable and thread-safe; {@code decode(encode(v))} equals {@code v}.
 *
 * @param <T> the value type
 */
public interface Codec<T> {

  /**
   * Encodes a value.
   *
   * @param value the value, not null
   * @return its bytes
   * @throws CodecException if the value cannot be encoded
   */
  byte[] encode(T value);

  /**
   * Decodes stored bytes.
   *
   * @param bytes the bytes
   * @return the value
   * @throws CodecException if the bytes are not a valid encoding
   */
  T decode(byte[] bytes);

  /**
   * The identity codec; copies so neither side shares an array with the store.
   *
   * @return the codec
   */
  static Codec<byte[]> bytes() {
    return BytesCodec.INSTANCE;
  }

  /**
   * Strings as UTF-8; strings with unpaired surrogates and bytes that are not UTF-8 are rejected rather than
   * silently replaced.
   *
   * @return the codec
   */
  static Codec<String> utf8() {
    return Utf8Codec.INSTANCE;
  }

  /**
   * Longs as their decimal form in ASCII, the same form a counter's {@link dev.leasehold.kv.Entry#value()}
   * has, so counters decode with this codec.
   *
   * @return the codec
   */
  static Codec<Long> longs() {
    return LongCodec.INSTANCE;
  }
}
