package dev.leasehold.kv.testkit;

import static dev.leasehold.kv.testkit.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leasehold.kv.AtomicOperation;
import dev.leasehold.kv.Entry;
import dev.leasehold.kv.InvalidKeyException;
import dev.leasehold.kv.InvalidTtlException;
import dev.leasehold.kv.InvalidValueException;
import dev.leasehold.kv.Limits;
import dev.leasehold.kv.ListOptions;
import dev.leasehold.kv.TooManyKeysException;
import dev.leasehold.kv.WriteOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every limit is enforced the same way on every backend: an {@link IllegalArgumentException} subclass
 * naming the limit, thrown before anything is written.
 */
public interface LimitsContract extends StoreFixture {

  @Test
  default void nullAndEmptyKeysAreRejected() {
    assertThatThrownBy(() -> store().put(null, utf8("v"))).isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("null");
    assertThatThrownBy(() -> store().put("", utf8("v"))).isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> store().get(null)).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> store().delete("")).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> store().exists("")).isInstanceOf(InvalidKeyException.class);
    assertStoreIsEmpty();
  }

  @Test
  default void keyOverTheByteLimitIsRejected() {
    String ascii = "k".repeat(Limits.MAX_KEY_BYTES + 1);
    String multiByte = "é".repeat(Limits.MAX_KEY_BYTES / 2) + "k";

    assertThatThrownBy(() -> store().put(ascii, utf8("v"))).isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("MAX_KEY_BYTES");
    assertThatThrownBy(() -> store().create(multiByte, utf8("v"))).isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining(String.valueOf(Limits.MAX_KEY_BYTES + 1));
    assertThatThrownBy(() -> store().list(ascii, ListOptions.defaults())).isInstanceOf(InvalidKeyException.class);
    assertStoreIsEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\uD800", "a\uDC00", "\uDBFFb", "ok\uDE00\uD800"})
  default void keyWithAnUnpairedSurrogateIsRejected(String key) {
    assertThatThrownBy(() -> store().put(key, utf8("v"))).isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("surrogate");
    assertThatThrownBy(() -> store().list(key, ListOptions.defaults())).isInstanceOf(InvalidKeyException.class);
    assertStoreIsEmpty();
  }

  @Test
  default void nullAndOversizeValuesAreRejected() {
    byte[] tooLarge = new byte[Limits.MAX_VALUE_BYTES + 1];

    assertThatThrownBy(() -> store().put("k", null)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> store().put("k", tooLarge)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("MAX_VALUE_BYTES");
    assertThatThrownBy(() -> store().create("k", tooLarge)).isInstanceOf(InvalidValueException.class);
    assertStoreIsEmpty();
  }

  @Test
  default void oversizeUpdateLeavesTheEntryUnchanged() {
    Entry entry = store().put("k", utf8("v"));

    assertThatThrownBy(() -> store().update("k", new byte[Limits.MAX_VALUE_BYTES + 1], entry.version()))
        .isInstanceOf(InvalidValueException.class);
    assertThat(store().get("k")).contains(entry);
  }

  @Test
  default void nonPositiveTtlIsRejected() {
    assertThatThrownBy(() -> WriteOptions.ttl(Duration.ZERO)).isInstanceOf(InvalidTtlException.class);
    assertThatThrownBy(() -> WriteOptions.ttl(Duration.ofSeconds(-1))).isInstanceOf(InvalidTtlException.class);
  }

  @Test
  default void expiryNotInTheFutureIsRejected() {
    WriteOptions now = WriteOptions.expiresAt(clock().instant());
    WriteOptions past = WriteOptions.expiresAt(clock().instant().minusSeconds(1));

    assertThatThrownBy(() -> store().put("k", utf8("v"), now)).isInstanceOf(InvalidTtlException.class);
    assertThatThrownBy(() -> store().create("k", utf8("v"), past)).isInstanceOf(InvalidTtlException.class);
    assertThatThrownBy(() -> store().atomic().set("k", utf8("v"), past).commit())
        .isInstanceOf(InvalidTtlException.class);
    assertStoreIsEmpty();
  }

  @Test
  default void expiryBeyondTheLastAllowedInstantIsRejected() {
    assertThatThrownBy(() -> store().put("k", utf8("v"), WriteOptions.expiresAt(Limits.MAX_EXPIRY)))
        .isInstanceOf(InvalidTtlException.class).hasMessageContaining("MAX_EXPIRY");
    assertStoreIsEmpty();
  }

  @Test
  default void nonPositiveVersionsAreRejected() {
    store().put("k", utf8("v"));

    assertThatThrownBy(() -> store().update("k", utf8("w"), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().delete("k", -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().atomic().check("k", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store().get("k").orElseThrow().value()).isEqualTo(utf8("v"));
  }

  @Test
  default void getAllOverTheBatchLimitIsRejected() {
    List<String> keys = TestData.keys("k", Limits.MAX_BATCH_KEYS + 1);

    assertThatThrownBy(() -> store().getAll(keys)).isInstanceOf(TooManyKeysException.class)
        .hasMessageContaining("MAX_BATCH_KEYS");
    List<String> withInvalid = new ArrayList<>(List.of("ok", ""));
    assertThatThrownBy(() -> store().getAll(withInvalid)).isInstanceOf(InvalidKeyException.class);
  }

  @Test
  default void aKeyOverTheCommitLimitIsRejectedAsItIsAddedAndTheRestStillCommits() {
    AtomicOperation op = store().atomic();
    List<String> keys = TestData.keys("k", Limits.MAX_COMMIT_KEYS + 1);
    keys.subList(0, Limits.MAX_COMMIT_KEYS).forEach(k -> op.set(k, utf8("v")));

    assertThatThrownBy(() -> op.checkAbsent(keys.get(Limits.MAX_COMMIT_KEYS)))
        .isInstanceOf(TooManyKeysException.class).hasMessageContaining("MAX_COMMIT_KEYS");
    assertStoreIsEmpty();
    assertThat(op.commit().ok()).isTrue();
    assertThat(store().scan("").map(Entry::key)).containsExactlyInAnyOrderElementsOf(
        keys.subList(0, Limits.MAX_COMMIT_KEYS));
  }

  @Test
  default void aValueOverTheCommitByteLimitIsRejectedAsItIsAddedAndTheRestStillCommits() {
    AtomicOperation op = store().atomic();
    byte[] value = new byte[Limits.MAX_VALUE_BYTES];
    Arrays.fill(value, (byte) 1);
    int fitting = Limits.MAX_COMMIT_BYTES / Limits.MAX_VALUE_BYTES;
    for (int i = 0; i < fitting; i++) {
      op.set("k" + i, value);
    }

    assertThatThrownBy(() -> op.set("k" + fitting, value)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("MAX_COMMIT_BYTES");
    assertStoreIsEmpty();
    assertThat(op.commit().ok()).isTrue();
    assertThat(store().scan("").count()).isEqualTo(fitting);
  }

  @Test
  default void invalidInputInACommitIsRejectedAsItIsAdded() {
    AtomicOperation op = store().atomic();

    assertThatThrownBy(() -> op.set("", utf8("v"))).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> op.set("k", new byte[Limits.MAX_VALUE_BYTES + 1]))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> op.sum("\uD800", 1)).isInstanceOf(InvalidKeyException.class);
    assertThat(op.set("k", utf8("v")).commit().ok()).isTrue();
    assertThat(store().list("", ListOptions.defaults()).entries()).extracting(Entry::key).containsExactly("k");
  }

  @Test
  default void listLimitOutOfRangeIsRejected() {
    assertThatThrownBy(() -> ListOptions.builder().limit(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ListOptions.builder().limit(Limits.MAX_LIST_LIMIT + 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAX_LIST_LIMIT");
  }

  private void assertStoreIsEmpty() {
    assertThat(store().list("", ListOptions.defaults()).entries()).isEmpty();
  }
}
