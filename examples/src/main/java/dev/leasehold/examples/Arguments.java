package dev.leasehold.examples;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Range checks on option values, reported as usage errors (exit code 2, with the usage message). */
final class Arguments {
  private Arguments() {}

  static void requireAtLeast(CommandSpec spec, String option, long value, long min) {
    if (value < min) {
      throw new ParameterException(spec.commandLine(), option + " must be at least " + min + ", was " + value);
    }
  }

  static void requireAtMost(CommandSpec spec, String option, long value, long most) {
    if (value > most) {
      throw new ParameterException(spec.commandLine(), option + " must be at most " + most + ", was " + value);
    }
  }

  static void requireFraction(CommandSpec spec, String option, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new ParameterException(spec.commandLine(), option + " must be between 0 and 1, was " + value);
    }
  }
}
