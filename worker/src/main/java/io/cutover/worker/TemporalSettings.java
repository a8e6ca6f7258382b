package io.cutover.worker;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The worker's Temporal settings. How to reach Temporal (address, namespace, API key, TLS, gRPC
 * metadata) comes from Temporal's standard client configuration ({@link TemporalEnvironment});
 * {@code target} and {@code namespace} here are only its last fallback.
 */
@ConfigurationProperties("temporal")
public class TemporalSettings {
  /** Fallback host:port of the frontend, when neither TEMPORAL_ADDRESS nor a profile names one. */
  private String target = "127.0.0.1:7233";

  private String namespace = "default";
  private String taskQueue = "cutover";

  /** Turn off sticky workflow caches: only for the Java test server, which never releases them. */
  private boolean disableSticky;

  public String getTarget() {
    return target;
  }

  public void setTarget(String target) {
    this.target = target;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public String getTaskQueue() {
    return taskQueue;
  }

  public void setTaskQueue(String taskQueue) {
    this.taskQueue = taskQueue;
  }

  public boolean isDisableSticky() {
    return disableSticky;
  }

  public void setDisableSticky(boolean disableSticky) {
    this.disableSticky = disableSticky;
  }
}
