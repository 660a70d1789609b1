package dev.leasehold.kv.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Objects;

/**
 * Objects as JSON through Jackson. Records and ordinary beans work out of the box. Immutable and
 * thread-safe.
 *
 * <p>Error messages name the type but never include the JSON, which may hold sensitive values.
 *
 * @param <T> the value type
 */
public final class JsonCodec<T> implements Codec<T> {
  private static final ObjectMapper DEFAULT_MAPPER = JsonMapper.builder().findAndAddModules().build();

  private final ObjectReader reader;
  private final ObjectWriter writer;
  private final String typeName;

  private JsonCodec(ObjectMapper mapper, JavaType type) {
    this.reader = mapper.readerFor(type);
    this.writer = mapper.writerFor(type);
    this.typeName = type.toString();
  }

  /**
   * A codec for a class, with a default mapper (modules on the class path registered).
   *
   * @param type the class
   * @param <T> the value type
   * @return the codec
   */
  public static <T> JsonCodec<T> of(Class<T> type) {
    return of(DEFAULT_MAPPER, type);
  }

  /**
   * A codec for a generic type such as {@code List<Order>}, with a default mapper.
   *
   * @param type the type reference
   * @param <T> the value type
   * @return the codec
   */
  public static <T> JsonCodec<T> of(TypeReference<T> type) {
    return of(DEFAULT_MAPPER, type);
  }

  /**
   * A codec for a class using the caller's configured mapper.
   *
   * @param mapper the mapper; not modified
   * @param type the class
   * @param <T> the value type
   * @return the codec
   */
  public static <T> JsonCodec<T> of(ObjectMapper mapper, Class<T> type) {
    return new JsonCodec<>(mapper, mapper.constructType(Objects.requireNonNull(type, "type")));
  }

  /**
   * A codec for a generic type using the caller's configured mapper.
   *
   * @param mapper the mapper; not modified
   * @param type the type reference
   * @param <T> the value type
   * @return the codec
   */
  public static <T> JsonCodec<T> of(ObjectMapper mapper, TypeReference<T> type) {
    return new JsonCodec<>(mapper, mapper.constructType(Objects.requireNonNull(type, "type")));
  }

  @Override
  public byte[] encode(T value) {
    try {
      return writer.writeValueAsBytes(Objects.requireNonNull(value, "value"));
    } catch (JsonProcessingException e) {
      throw new CodecException("cannot encode " + typeName + " as JSON" + describe(e), null);
    }
  }

  @Override
  public T decode(byte[] bytes) {
    T value;
    try {
      value = reader.readValue(bytes);
    } catch (IOException e) {
      throw new CodecException("cannot decode JSON as " + typeName + describe(e), null);
    }
    if (value == null) {
      throw new CodecException("cannot decode JSON null as " + typeName, null);
    }
    return value;
  }

  /**
   * Jackson's messages and exceptions quote offending values, so neither is passed on: only the kind of
   * failure and the path of the property, which names fields but holds no data.
   */
  private static String describe(IOException e) {
    String path = e instanceof JsonMappingException jme ? " at " + jme.getPathReference() : "";
    return path + " (" + e.getClass().getSimpleName() + ")";
  }

  @Override
  public String toString() {
    return "JsonCodec[" + typeName + "]";
  }
}
