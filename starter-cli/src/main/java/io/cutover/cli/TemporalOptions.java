package io.cutover.cli;

import io.cutover.worker.TemporalEnvironment;
import picocli.CommandLine.Option;

/**
 * Where Temporal is. Without the flags, Temporal's standard client configuration decides
 * (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, a temporal.toml profile; docs/runbook.md, "Connecting to
 * Temporal"), then a local dev server.
 */
public class TemporalOptions {
  @Option(
      names = "--temporal",
      paramLabel = "HOST:PORT",
      description =
          "Temporal frontend (default: TEMPORAL_ADDRESS, the temporal.toml profile, else 127.0.0.1:7233).")
  String target;

  @Option(
      names = "--namespace",
      paramLabel = "NAME",
      description =
          "Temporal namespace (default: TEMPORAL_NAMESPACE, the temporal.toml profile, else default).")
  String namespace;

  @Option(
      names = "--task-queue",
      paramLabel = "QUEUE",
      defaultValue = "${env:TEMPORAL_TASK_QUEUE:-cutover}",
      description = "Task queue the Cutover worker polls (default ${DEFAULT-VALUE}).")
  String taskQueue;

  private java.util.Map<String, String> env = System.getenv();
  private TemporalEnvironment.Connection environment;

  /** The standard configuration of this process, read once; a conflict is a usage error. */
  TemporalEnvironment.Connection environment() {
    if (environment == null) {
      try {
        environment = TemporalEnvironment.resolve(env, null, null);
      } catch (TemporalEnvironment.ConfigException e) {
        throw new CliException(ExitCodes.USAGE, e.getMessage());
      }
    }
    return environment;
  }

  /** Reads {@code env} instead of this process's environment (tests). */
  void useEnvironment(java.util.Map<String, String> env) {
    this.env = env;
    this.environment = null;
  }

  public String target() {
    return target != null ? target : environment().address();
  }

  public String namespace() {
    return namespace != null ? namespace : environment().namespace();
  }

  public String taskQueue() {
    return taskQueue;
  }
}
