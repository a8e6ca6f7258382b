package io.cutover.cli;

import picocli.CommandLine.Option;

/** Who is acting, and why: recorded in the workflow's history. */
public class Operator {
  @Option(
      names = "--as",
      paramLabel = "WHO",
      defaultValue = "${env:USER:-unknown}",
      description = "Who is acting (default: $USER), recorded in the history.")
  String who;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      description = "Why (a change ticket, a note), recorded.")
  String reason;
}
