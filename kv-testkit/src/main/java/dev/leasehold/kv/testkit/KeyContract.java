package dev.leasehold.kv.testkit;

import static dev.leasehold.kv.testkit.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leasehold.kv.Entry;
import dev.leasehold.kv.ListOptions;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any valid key round-trips unchanged through every operation, whatever characters it holds; nothing in a
 * key is interpreted.
 */
public interface KeyContract extends StoreFixture {

  @ParameterizedTest
  @MethodSource("dev.leasehold.kv.testkit.TestData#specialKeys")
  default void keyRoundTripsThroughSingleKeyOperations(String key) {
    Entry created = store().create(key, utf8("v1"));
    Entry updated = store().update(key, utf8("v2"), created.version());

    assertThat(store().get(key)).contains(updated);
    assertThat(store().exists(key)).isTrue();
    assertThat(store().getAll(List.of(key))).containsEntry(key, updated);

    store().delete(key, updated.version());
    assertThat(store().exists(key)).isFalse();
  }

  @ParameterizedTest
  @MethodSource("dev.leasehold.kv.testkit.TestData#specialKeys")
  default void keyRoundTripsThroughListingAndCommits(String key) {
    store().put(key, utf8("v"));
    Entry entry = store().get(key).orElseThrow();

    assertThat(store().list(key, ListOptions.defaults()).entries()).first().isEqualTo(entry);
    assertThat(store().atomic().check(key, entry.version() + 1).set(key, utf8("x")).commit().conflicts())
        .extracting(c -> c.key()).containsExactly(key);
    assertThat(store().atomic().check(key, entry.version()).set(key, utf8("w")).commit().ok()).isTrue();
    assertThat(store().get(key).orElseThrow().value()).isEqualTo(utf8("w"));
    assertThat(store().atomic().delete(key).commit().ok()).isTrue();
    assertThat(store().get(key)).isEmpty();
  }
}
