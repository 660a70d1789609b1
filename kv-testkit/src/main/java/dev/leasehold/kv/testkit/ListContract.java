package dev.leasehold.kv.testkit;

import static dev.leasehold.kv.testkit.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leasehold.kv.Entry;
import dev.leasehold.kv.ListOptions;
import dev.leasehold.kv.Page;
import dev.leasehold.kv.WriteOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Listing by prefix: UTF-8 byte order, prefixes, pages with cursors, reverse order, and only live entries.
 */
public interface ListContract extends StoreFixture {

  @Test
  default void listsKeysInUtf8ByteOrder() {
    // U+FF5E (BMP, above the surrogates) sorts before U+1F600 (emoji) in UTF-8, although Java's UTF-16
    // String.compareTo says otherwise.
    List<String> keys = List.of("b", "a", "A", "a/b", "a b", "ab", "é", "z", "\uFF5E", "\uD83D\uDE00", "~",
        "\u00FF", "\u0100", "\uFFFD", "\uD800\uDC00", "\uE000", "0", "a\u0000");
    keys.forEach(key -> store().put(key, utf8(key)));

    List<String> listed = keys(store().list("", ListOptions.builder().limit(1000).build()));

    assertThat(listed).isEqualTo(inUtf8Order(keys));
    assertThat(listed.indexOf("\uFF5E")).isLessThan(listed.indexOf("\uD83D\uDE00"));
  }

  @Test
  default void listsOnlyKeysWithThePrefix() {
    List.of("a", "a/", "a/1", "a/2", "a/2/x", "a0", "a.", "b/1", "A/1").forEach(k -> store().put(k, utf8(k)));

    assertThat(keys(store().list("a/", ListOptions.defaults()))).containsExactly("a/", "a/1", "a/2", "a/2/x");
    assertThat(keys(store().list("a/2", ListOptions.defaults()))).containsExactly("a/2", "a/2/x");
    assertThat(keys(store().list("c", ListOptions.defaults()))).isEmpty();
  }

  @Test
  default void prefixesEndingInHighCodePointsAreBoundedCorrectly() {
    List<String> inside = List.of("p\uFFFF", "p\uFFFFa", "p\uDBFF\uDFFF", "p\uDBFF\uDFFFz");
    List<String> outside = List.of("p", "q", "p\uFFFE", "o\uDBFF\uDFFF");
    inside.forEach(k -> store().put(k, utf8("in")));
    outside.forEach(k -> store().put(k, utf8("out")));

    assertThat(keys(store().list("p\uFFFF", ListOptions.defaults()))).containsExactly("p\uFFFF", "p\uFFFFa");
    assertThat(keys(store().list("p\uDBFF\uDFFF", ListOptions.defaults())))
        .containsExactly("p\uDBFF\uDFFF", "p\uDBFF\uDFFFz");
    assertThat(keys(store().list("p\uDBFF\uDFFF", ListOptions.builder().reverse(true).build())))
        .containsExactly("p\uDBFF\uDFFFz", "p\uDBFF\uDFFF");
  }

  @Test
  default void emptyPrefixListsTheWholeStore() {
    List<String> keys = TestData.keys("k", 12);
    keys.forEach(k -> store().put(k, utf8(k)));

    assertThat(keys(store().list("", ListOptions.defaults()))).isEqualTo(keys);
  }

  @Test
  default void pagesHoldLimitEntriesAndCursorsLeadThroughAllKeys() {
    List<String> keys = TestData.keys("p/", 23);
    keys.forEach(k -> store().put(k, utf8(k)));

    List<Page> pages = allPages("p/", ListOptions.builder().limit(5).build());

    assertThat(pages).extracting(p -> p.entries().size()).containsExactly(5, 5, 5, 5, 3);
    assertThat(pages.subList(0, 4)).allSatisfy(p -> assertThat(p.hasMore()).isTrue());
    assertThat(pages.get(4).cursor()).isEmpty();
    assertThat(pages.stream().flatMap(p -> p.entries().stream()).map(Entry::key)).isEqualTo(keys);
  }

  @Test
  default void lastFullPageMayOfferACursorToAnEmptyPage() {
    List<String> keys = TestData.keys("p/", 10);
    keys.forEach(k -> store().put(k, utf8(k)));

    List<Page> pages = allPages("p/", ListOptions.builder().limit(5).build());

    assertThat(pages.stream().flatMap(p -> p.entries().stream()).map(Entry::key)).isEqualTo(keys);
    assertThat(pages.get(pages.size() - 1).cursor()).isEmpty();
    assertThat(pages.size()).isBetween(2, 3);
  }

  @Test
  default void reverseListsInDescendingOrderAcrossPages() {
    List<String> keys = TestData.keys("r/", 11);
    keys.forEach(k -> store().put(k, utf8(k)));
    store().put("r", utf8("outside"));
    store().put("s", utf8("outside"));

    List<Page> pages = allPages("r/", ListOptions.builder().limit(4).reverse(true).build());

    List<String> expected = new ArrayList<>(keys);
    Collections.reverse(expected);
    assertThat(pages.stream().flatMap(p -> p.entries().stream()).map(Entry::key)).isEqualTo(expected);
    assertThat(pages.get(0).entries()).hasSize(4);
  }

  @Test
  default void deletedAndExpiredKeysNeverAppear() {
    List<String> keys = TestData.keys("d/", 30);
    keys.forEach(k -> store().put(k, utf8(k)));
    for (int i = 0; i < keys.size(); i += 3) {
      store().delete(keys.get(i));
    }
    for (int i = 1; i < keys.size(); i += 3) {
      store().put(keys.get(i), utf8("short-lived"), WriteOptions.ttl(Duration.ofSeconds(1)));
    }
    clock().advance(Duration.ofSeconds(1));

    List<Page> pages = allPages("d/", ListOptions.builder().limit(4).build());

    List<String> live = new ArrayList<>();
    for (int i = 2; i < keys.size(); i += 3) {
      live.add(keys.get(i));
    }
    assertThat(pages.stream().flatMap(p -> p.entries().stream()).map(Entry::key)).isEqualTo(live);
    assertThat(pages.get(0).entries()).hasSize(4);
  }

  @Test
  default void listedEntriesCarryValueVersionAndExpiry() {
    Entry plain = store().put("e/plain", utf8("v"));
    Entry expiring = store().put("e/ttl", utf8("w"), WriteOptions.ttl(Duration.ofMinutes(1)));

    assertThat(store().list("e/", ListOptions.defaults()).entries()).containsExactly(plain, expiring);
  }

  @Test
  default void keysWrittenBeyondTheCursorAppearOnLaterPages() {
    store().put("w/1", utf8("1"));
    store().put("w/2", utf8("2"));
    Page first = store().list("w/", ListOptions.builder().limit(1).build());

    store().put("w/3", utf8("3"));
    store().put("w/0", utf8("0"));
    List<String> rest = new ArrayList<>();
    Page page = first;
    while (page.hasMore()) {
      page = store().list("w/", ListOptions.builder().limit(1).cursor(page.cursor().get()).build());
      rest.addAll(keys(page));
    }

    assertThat(keys(first)).containsExactly("w/1");
    assertThat(rest).containsExactly("w/2", "w/3");
  }

  @Test
  default void scanStreamsEveryEntryInOrder() {
    List<String> keys = TestData.keys("s/", 2_100);
    for (List<String> batch : TestData.batches(keys, 100)) {
      var op = store().atomic();
      batch.forEach(k -> op.set(k, new byte[0]));
      op.commit();
    }

    assertThat(store().scan("s/").map(Entry::key).collect(Collectors.toList())).isEqualTo(keys);
    assertThat(store().scan("s/00").count()).isEqualTo(100);
    assertThat(store().scan("none/").count()).isZero();
  }

  @Test
  default void cursorIssuedForAnotherPrefixIsRejected() {
    TestData.keys("a/", 3).forEach(k -> store().put(k, utf8(k)));
    String cursor = store().list("a/", ListOptions.builder().limit(1).build()).cursor().orElseThrow();

    assertThatThrownBy(() -> store().list("b/", ListOptions.defaults().after(cursor)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().list("a/", ListOptions.defaults().after("%%% not a cursor")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private List<Page> allPages(String prefix, ListOptions options) {
    List<Page> pages = new ArrayList<>();
    Page page = store().list(prefix, options);
    pages.add(page);
    while (page.hasMore()) {
      page = store().list(prefix, options.after(page.cursor().get()));
      pages.add(page);
      assertThat(pages).as("listing must terminate").hasSizeLessThan(10_000);
    }
    return pages;
  }

  private static List<String> keys(Page page) {
    return page.entries().stream().map(Entry::key).collect(Collectors.toList());
  }

  private static List<String> inUtf8Order(List<String> keys) {
    List<String> sorted = new ArrayList<>(keys);
    sorted.sort((a, b) -> Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
    return sorted;
  }
}
