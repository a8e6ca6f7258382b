package io.cutover.worker;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Settings of the activities: how the worker reaches Kubernetes and the Confluent REST API. */
@ConfigurationProperties("cutover")
public class CutoverSettings {
  private Rest rest = new Rest();
  private Kubernetes kubernetes = new Kubernetes();

  @ConfigurationProperties("rest")
  public static class Rest {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);

    /** How often awaitMirrorsStopped reads the mirror states. */
    private Duration pollInterval = Duration.ofSeconds(5);

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
      return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
    }

    public Duration getPollInterval() {
      return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
    }
  }

  @ConfigurationProperties("kubernetes")
  public static class Kubernetes {
    /** kubeconfig for Kubernetes Secret credentials; the gateway's own comes from the manifest. */
    private String kubeconfig = "";

    private String context = "";

    public String getKubeconfig() {
      return kubeconfig;
    }

    public void setKubeconfig(String kubeconfig) {
      this.kubeconfig = kubeconfig;
    }

    public String getContext() {
      return context;
    }

    public void setContext(String context) {
      this.context = context;
    }
  }

  public Rest getRest() {
    return rest;
  }

  public void setRest(Rest rest) {
    this.rest = rest;
  }

  public Kubernetes getKubernetes() {
    return kubernetes;
  }

  public void setKubernetes(Kubernetes kubernetes) {
    this.kubernetes = kubernetes;
  }
}
