package dev.leasehold.kv.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodecTest {
  record Account(String owner, long balance) {}

  @Test
  void utf8RoundTripsAndRejectsInvalidInputInsteadOfReplacingIt() {
    assertThat(Codec.utf8().decode(Codec.utf8().encode("ünï 🔑"))).isEqualTo("ünï 🔑");
    assertThatThrownBy(() -> Codec.utf8().encode("\uD800")).isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> Codec.utf8().decode(new byte[] {(byte) 0xC3})).isInstanceOf(CodecException.class);
  }

  @Test
  void longsAreDecimalAscii() {
    assertThat(Codec.longs().encode(-42L)).isEqualTo("-42".getBytes(StandardCharsets.US_ASCII));
    assertThat(Codec.longs().decode(Codec.longs().encode(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
    assertThatThrownBy(() -> Codec.longs().decode("4.2".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void bytesAreCopied() {
    byte[] original = {1, 2, 3};
    byte[] encoded = Codec.bytes().encode(original);
    encoded[0] = 9;

    assertThat(original).containsExactly(1, 2, 3);
  }

  @Test
  void jsonRoundTripsRecordsAndGenericTypes() {
    JsonCodec<Account> accounts = JsonCodec.of(Account.class);
    JsonCodec<Map<String, List<Account>>> nested = JsonCodec.of(new TypeReference<>() {});
    Map<String, List<Account>> value = Map.of("team", List.of(new Account("a", 1), new Account("b", 2)));

    assertThat(accounts.decode(accounts.encode(new Account("alice", 7)))).isEqualTo(new Account("alice", 7));
    assertThat(nested.decode(nested.encode(value))).isEqualTo(value);
  }

  @Test
  void jsonNullIsNotAValue() {
    assertThatThrownBy(() -> JsonCodec.of(Account.class).decode("null".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("null");
  }

  @Test
  void jsonErrorsNameTheTypeButNeverTheData() {
    JsonCodec<Account> accounts = JsonCodec.of(Account.class);
    byte[] bad = "{\"owner\":\"alice\",\"balance\":\"hunter2-secret\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> accounts.decode(bad))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("Account")
        .hasMessageContaining("balance")
        .hasMessageNotContaining("hunter2")
        .hasNoCause();
    assertThatThrownBy(() -> accounts.decode("not json at all secret".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CodecException.class)
        .hasMessageNotContaining("secret");
  }
}
