package dev.leasehold.benchmarks.sidebyside;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where and with what a run happened: the JVM, the machine, and the versions of everything compared.
 *
 * @param date when the run started, in UTC
 * @param jvm the Java runtime's name, vendor and version
 * @param os the operating system and architecture
 * @param cpus the processors available to the JVM
 * @param loadAtStart the system load average over the last minute when the run started, or -1 if unknown
 * @param versions the versions the build filled in: leasehold, aws-sdk, dynamodb-local, dynamodb-lock-client,
 *     shedlock
 */
record Environment(Instant date, String jvm, String os, int cpus, double loadAtStart, Map<String, String> versions) {

  Environment {
    versions = Map.copyOf(versions);
  }

  static Environment capture() {
    Properties versions = new Properties();
    try (InputStream in = Environment.class.getResourceAsStream("/versions.properties")) {
      if (in == null) {
        throw new IllegalStateException("versions.properties is missing from the classpath");
      }
      versions.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> byComponent = new HashMap<>();
    versions.stringPropertyNames().forEach(name -> byComponent.put(name, versions.getProperty(name)));
    return new Environment(Instant.now().truncatedTo(ChronoUnit.SECONDS),
        System.getProperty("java.vm.name") + ", " + System.getProperty("java.vm.vendor") + ", " + Runtime.version(),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch")
            + ")",
        Runtime.getRuntime().availableProcessors(), load(), byComponent);
  }

  /** The system load average over the last minute, as text. */
  static String describeLoad(double load) {
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
  }

  static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  String version(String component) {
    return versions.getOrDefault(component, "unknown");
  }
}
