package io.cutover.sandbox;

import io.cutover.sandbox.kube.KubeSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes each of the sandbox's migration groups as a {@code cutover.io/v1alpha1} GatewayMigration
 * manifest, in our shape or kcp v0.11's, with the group's switchover CR (unless the switch is
 * derived) and the REST key in files beside it, exactly as an operator would. One group's files are
 * {@code migration.yaml} and {@code switchover.yaml}; with several, {@code <group>.yaml} and {@code
 * <group>-switchover.yaml}.
 */
final class ManifestWriter {
  private final Sandbox.Options options;
  private final Sandbox sandbox;
  private final Path dir;

  ManifestWriter(Sandbox.Options options, Sandbox sandbox, String apiKey, String apiSecret)
      throws IOException {
    this.options = options;
    this.sandbox = sandbox;
    this.dir = Files.createDirectories(options.workDir());
    Sandbox.writePrivate(
        dir.resolve("rest-credentials.yaml"),
        "api_key: " + apiKey + "\napi_secret: " + apiSecret + "\n");
  }

  /** Writes one group's manifest and switchover CR; returns the manifest. */
  Path write(String name, String route, List<String> topics, String topicPrefix)
      throws IOException {
    boolean one = options.groups() == 1;
    String switchover = one ? "switchover.yaml" : name + "-switchover.yaml";
    if (!options.derivedSwitch()) {
      Files.writeString(dir.resolve(switchover), sandbox.kube().switchoverCrYaml(route));
    }
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
                name,
                sandbox.kafka().sourceBootstrap(),
                Sandbox.CLUSTER_ID,
                sandbox.kafka().destinationBootstrap(),
                sandbox.rest().baseUrl(),
                Sandbox.LINK,
                v011
                    ? staticMigration(policies, route, topicPrefix)
                    : ours(policies, route, topics, switchover));
    Path manifest = dir.resolve(one ? "migration.yaml" : name + ".yaml");
    Sandbox.writePrivate(manifest, yaml);
    return manifest;
  }

  /**
   * With several groups, {@code wave.yaml}: every group in route order, two at a time, one approval
   * for the wave (docs/runbook.md, "Migrating many groups").
   */
  Path writeWave(List<SandboxGroup> groups) throws IOException {
    StringBuilder yaml =
        new StringBuilder(
            """
            # The sandbox's groups as one wave: cutover wave init -f wave.yaml
            apiVersion: cutover.io/v1alpha1
            kind: MigrationWave
            metadata:
              name: %s
            spec:
              concurrency: 2
              approval: wave
              groups:
            """
                .formatted(options.name()));
    for (SandboxGroup g : groups) {
      yaml.append("    - manifest: ").append(g.manifest().getFileName()).append('\n');
    }
    Path wave = dir.resolve("wave.yaml");
    Files.writeString(wave, yaml);
    return wave;
  }

  /** The rest of the spec in our shape: fence.routes, spec.topics, the switch. */
  private String ours(String policies, String route, List<String> topics, String switchover) {
    var kube = sandbox.kube();
    String crs = "initial: " + kube.gatewayName();
    String derived = "";
    if (options.derivedSwitch()) {
      derived = "targetStreamingDomain: " + KubeSandbox.DESTINATION_DOMAIN + "\n    ";
    } else {
      crs += "\n      switchover: " + switchover;
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
            route,
            String.join(", ", topics),
            policies);
  }

  /** The rest of the spec in kcp v0.11's shape: the topics as one pattern of the group's prefix. */
  private String staticMigration(String policies, String route, String topicPrefix) {
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
            route,
            KubeSandbox.DESTINATION_DOMAIN,
            topicPrefix + "[0-9]+",
            options.pauseOffsetSync(),
            policies);
  }
}
