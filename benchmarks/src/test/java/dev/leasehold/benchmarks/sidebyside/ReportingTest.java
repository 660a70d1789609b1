package dev.leasehold.benchmarks.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The arithmetic and formatting behind the report's figures; no server, no timing. */
class ReportingTest {

  @Test
  void percentilesAreNearestRank() {
    Samples samples = Samples.of(5, 1, 4, 2, 3, 10, 9, 8, 7, 6);

    assertThat(samples.median()).isEqualTo(5);
    assertThat(samples.percentile(90)).isEqualTo(9);
    assertThat(samples.min()).isEqualTo(1);
    assertThat(samples.max()).isEqualTo(10);
    assertThat(Samples.of(7L).percentile(90)).isEqualTo(7);
  }

  @Test
  void medianAndRangeShowsTheSpreadOnlyWhenThereIsOne() {
    assertThat(Samples.of(1.5, 1.0, 2.0).medianAndRange("%.2f")).isEqualTo("1.50 (1.00–2.00)");
    assertThat(Samples.of(1.5).medianAndRange("%.2f")).isEqualTo("1.50");
  }

  @Test
  void requestsPerUnitOfWorkNameEachOperation() {
    Requests before = new Requests(Map.of("GetItem", 10L), 1_000_000);
    Requests after = new Requests(Map.of("GetItem", 30L, "PutItem", 20L, "DeleteItem", 20L), 121_000_000);

    Requests sent = after.since(before);

    assertThat(sent.total()).isEqualTo(60);
    assertThat(sent.per(20)).isEqualTo("3.00 (DeleteItem 1.00, GetItem 1.00, PutItem 1.00)");
    assertThat(sent.wirePerRequest()).isEqualTo("2.00 ms");
    assertThat(new Requests(Map.of("UpdateItem", 40L), 0).per(20)).isEqualTo("2.00 UpdateItem");
    assertThat(sent.plus(before)).isEqualTo(after);
  }

  @Test
  void tablesArePaddedMarkdown() {
    String table = new Table("a", "longer").row("wide cell", "x").markdown();

    assertThat(table).isEqualTo("""
        | a         | longer |
        | --------- | ------ |
        | wide cell | x      |
        """);
  }
}
