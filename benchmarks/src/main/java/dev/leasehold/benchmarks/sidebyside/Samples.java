package dev.leasehold.benchmarks.sidebyside;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/** Measurements of one quantity, sorted once, for percentiles. Immutable. */
final class Samples {
  private final double[] sorted;

  private Samples(double[] values) {
    this.sorted = values.clone();
    Arrays.sort(sorted);
  }

  static Samples of(double... values) {
    return new Samples(values);
  }

  static Samples of(long... values) {
    return new Samples(Arrays.stream(values).asDoubleStream().toArray());
  }

  static Samples of(Collection<? extends Number> values) {
    return new Samples(values.stream().mapToDouble(Number::doubleValue).toArray());
  }

  int count() {
    return sorted.length;
  }

  /**
   * The nearest-rank percentile: the smallest sample that at least {@code p} percent of the samples do not
   * exceed.
   *
   * @param p between 0 and 100; 0 gives the smallest sample
   * @throws IllegalStateException if there are no samples
   */
  double percentile(double p) {
    if (sorted.length == 0) {
      throw new IllegalStateException("no samples");
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  double median() {
    return percentile(50);
  }

  double min() {
    return percentile(0);
  }

  double max() {
    return percentile(100);
  }

  /** Such as "1.23 (1.10–1.40)": the median and the range, for values whose spread matters. */
  String medianAndRange(String format) {
    if (sorted.length == 1) {
      return String.format(Locale.ROOT, format, median());
    }
    return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", median(), min(), max());
  }
}
