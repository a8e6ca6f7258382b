package io.cutover.sandbox;

import io.cutover.sandbox.kube.KubeSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Writes the sandbox's migration as a {@code cutover.io/v1alpha1} GatewayMigration manifest, in our
 * shape or kcp v0.11's, with the switchover CR (unless the switch is derived) and the REST key in
 * files beside it, exactly as an operator would.
 */
final class ManifestWriter {
  private final Sandbox.Options options;
  private final Sandbox sandbox;

  ManifestWriter(Sandbox.Options options, Sandbox sandbox) {
    this.options = options;
    this.sandbox = sandbox;
  }

  Path write(String apiKey, String apiSecret) throws IOException {
    Path dir = Files.createDirectories(options.workDir());
    if (!options.derivedSwitch()) {
      Files.writeString(dir.resolve("switchover.yaml"), sandbox.kube().switchoverCrYaml());
    }
    Sandbox.writePrivate(
        dir.resolve("rest-credentials.yaml"),
        "api_key: " + apiKey + "\napi_secret: " + apiSecret + "\n");
    boolean v011 = options.shape() == Sandbox.Options.Shape.STATIC_MIGRATION;
    String policies =
        options.policies().entrySet().stream()
            .map(e -> (v011 ? "      " : "    ") + e.getKey() + ": " + e.getValue())
            .collect(Collectors.joining("\n"));
    String yaml =
        """
        # The sandbox's migration. Source and destination are local Kafka clusters; the destination
        # stands in for Confluent Cloud, reached through a Cluster Linking REST v3 simulator.
        apiVersion: cutover.io/v1alpha1
        kind: GatewayMigration
        metadata:
          name: %s
        spec:
          source:
            type: apache-kafka
            bootstrapServers: [%s]
            credentials:
              unauthenticated_plaintext: {}
          target:
            type: confluent-platform
            clusterId: %s
            kafka:
              bootstrapServers: [%s]
              restEndpoint: %s
              credentials:
                unauthenticated_plaintext: {}
              restCredentials: rest-credentials.yaml
          clusterLink:
            name: %s
        %s
        """
            .formatted(
                options.name(),
                sandbox.kafka().sourceBootstrap(),
                Sandbox.CLUSTER_ID,
                sandbox.kafka().destinationBootstrap(),
                sandbox.rest().baseUrl(),
                Sandbox.LINK,
                v011 ? staticMigration(policies) : ours(policies));
    Path manifest = dir.resolve("migration.yaml");
    Sandbox.writePrivate(manifest, yaml);
    return manifest;
  }

  /** The rest of the spec in our shape: fence.routes, spec.topics, the switch. */
  private String ours(String policies) {
    var kube = sandbox.kube();
    String crs = "initial: " + kube.gatewayName();
    String derived = "";
    if (options.derivedSwitch()) {
      derived = "targetStreamingDomain: " + KubeSandbox.DESTINATION_DOMAIN + "\n    ";
    } else {
      crs += "\n      switchover: switchover.yaml";
    }
    return """
          pauseConsumerOffsetSync: %s
        gateway:
          namespace: %s
          kubeconfig: %s
          %scrs:
            %s
          fence:
            routes: [%s]
        topics: [%s]
        defaultPolicies:
      %s"""
        .formatted(
            options.pauseOffsetSync(),
            kube.namespace(),
            kube.kubeconfig(),
            derived,
            crs,
            kube.routeName(),
            String.join(", ", sandbox.topics()),
            policies);
  }

  /** The rest of the spec in kcp v0.11's shape: the topics as one pattern of the group's prefix. */
  private String staticMigration(String policies) {
    var kube = sandbox.kube();
    return """
        gateway:
          namespace: %s
          kubeconfig: %s
          cr-name: %s
        staticMigration:
          route:
            name: %s
            targetStreamingDomain: %s
          topicGroup:
            - topicPatterns: ['%s']
          consumerOffsetSync:
            pause: %s
            baseline: enabled
          policies:
      %s"""
        .formatted(
            kube.namespace(),
            kube.kubeconfig(),
            kube.gatewayName(),
            kube.routeName(),
            KubeSandbox.DESTINATION_DOMAIN,
            Sandbox.TOPIC_PREFIX + "[0-9]+",
            options.pauseOffsetSync(),
            policies);
  }
}
