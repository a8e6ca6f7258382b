package io.cutover.cli;

import picocli.CommandLine.Option;

/** Where Temporal is. Defaults come from the environment, then from a local dev server. */
public class TemporalOptions {
  @Option(names = "--temporal", paramLabel = "HOST:PORT",
      defaultValue = "${env:TEMPORAL_TARGET:-127.0.0.1:7233}",
      description = "Temporal frontend (env TEMPORAL_TARGET; default ${DEFAULT-VALUE}).")
  String target;

  @Option(names = "--namespace", paramLabel = "NAME", defaultValue = "${env:TEMPORAL_NAMESPACE:-default}",
      description = "Temporal namespace (env TEMPORAL_NAMESPACE; default ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--task-queue", paramLabel = "QUEUE", defaultValue = "${env:TEMPORAL_TASK_QUEUE:-cutover}",
      description = "Task queue the Cutover worker polls (default ${DEFAULT-VALUE}).")
  String taskQueue;

  public String target() {
    return target;
  }

  public String namespace() {
    return namespace;
  }

  public String taskQueue() {
    return taskQueue;
  }
}
