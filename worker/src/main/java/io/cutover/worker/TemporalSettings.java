package io.cutover.worker;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Where the worker and the CLI find Temporal. Every key can come from the environment
 * ({@code TEMPORAL_TARGET}, {@code TEMPORAL_NAMESPACE}, {@code TEMPORAL_API_KEY}, ...).
 */
@ConfigurationProperties("temporal")
public class TemporalSettings {
  /** host:port of the Temporal frontend; Temporal Cloud: {@code <ns>.<account>.tmprl.cloud:7233}. */
  private String target = "127.0.0.1:7233";
  private String namespace = "default";
  private String taskQueue = "cutover";
  /** Temporal Cloud API key; implies TLS. Empty for none. */
  private String apiKey = "";
  /** Turn off sticky workflow caches: only for the Java test server, which never releases them. */
  private boolean disableSticky;
  private Tls tls = new Tls();

  @ConfigurationProperties("tls")
  public static class Tls {
    private boolean enabled;
    /** PEM client certificate (mTLS to Temporal Cloud or a self-hosted server); empty for none. */
    private String clientCert = "";
    private String clientKey = "";
    /** PEM CA bundle for the server; empty for the system trust store. */
    private String serverCa = "";

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getClientCert() {
      return clientCert;
    }

    public void setClientCert(String clientCert) {
      this.clientCert = clientCert;
    }

    public String getClientKey() {
      return clientKey;
    }

    public void setClientKey(String clientKey) {
      this.clientKey = clientKey;
    }

    public String getServerCa() {
      return serverCa;
    }

    public void setServerCa(String serverCa) {
      this.serverCa = serverCa;
    }
  }

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

  public String getApiKey() {
    return apiKey;
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  public boolean isDisableSticky() {
    return disableSticky;
  }

  public void setDisableSticky(boolean disableSticky) {
    this.disableSticky = disableSticky;
  }

  public Tls getTls() {
    return tls;
  }

  public void setTls(Tls tls) {
    this.tls = tls;
  }
}
