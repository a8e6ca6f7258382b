package io.cutover.workflow.activity;

import io.cutover.workflow.model.CredentialRef;
import io.cutover.workflow.model.GatewaySpec;
import io.cutover.workflow.model.MigrationPlan;
import java.time.Duration;
import java.util.List;

/** Addresses of the systems activities act on. Small on purpose: they are repeated in history. */
public final class Targets {
  private Targets() {}

  /** The Gateway CR: {@code namespace/name}, reached with this kubeconfig and context. */
  public record Gateway(
      String namespace,
      String name,
      String kubeconfig,
      String kubeContext,
      int configPort,
      Duration hotReloadTimeout) {

    /** 0 and null (a request recorded before the hot-reload settings) are the defaults. */
    public Gateway {
      configPort = configPort == 0 ? GatewaySpec.DEFAULT_CONFIG_PORT : configPort;
      hotReloadTimeout =
          hotReloadTimeout == null || hotReloadTimeout.isZero()
              ? GatewaySpec.DEFAULT_HOT_RELOAD_TIMEOUT
              : hotReloadTimeout;
    }

    public Gateway(String namespace, String name, String kubeconfig, String kubeContext) {
      this(namespace, name, kubeconfig, kubeContext, 0, null);
    }

    public static Gateway of(MigrationPlan plan) {
      var g = plan.gateway();
      return new Gateway(
          g.namespace(),
          g.name(),
          g.kubeconfig(),
          g.kubeContext(),
          g.configPort(),
          g.hotReloadTimeout());
    }

    @Override
    public String toString() {
      return namespace + "/" + name;
    }
  }

  /** A cluster link, reached through the destination's REST v3 API. */
  public record Link(
      String restEndpoint, String clusterId, String linkName, CredentialRef credentials) {
    public static Link of(MigrationPlan plan) {
      var d = plan.destination();
      return new Link(d.restEndpoint(), d.clusterId(), plan.linkName(), d.restCredentials());
    }
  }

  /** A Kafka cluster, reached with the Admin client. */
  public record Kafka(
      String role, String type, List<String> bootstrapServers, CredentialRef credentials) {
    public static Kafka source(MigrationPlan plan) {
      var s = plan.source();
      return new Kafka("source", s.type(), s.bootstrapServers(), s.credentials());
    }

    public static Kafka destination(MigrationPlan plan) {
      var d = plan.destination();
      return new Kafka("destination", d.type(), d.bootstrapServers(), d.kafkaCredentials());
    }
  }
}
