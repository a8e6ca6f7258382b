package io.cutover.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Writes the sandbox's migration as a {@code cutover.io/v1alpha1} GatewayMigration manifest, with
 * the switchover CR and the REST key in files beside it, exactly as an operator would.
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
    Files.writeString(dir.resolve("switchover.yaml"), sandbox.kube().switchoverCrYaml());
    Sandbox.writePrivate(dir.resolve("rest-credentials.yaml"), "api_key: " + apiKey + "\napi_secret: " + apiSecret + "\n");
    String policies = options.policies().entrySet().stream()
        .map(e -> "    " + e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining("\n"));
    var kube = sandbox.kube();
    String yaml = """
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
            pauseConsumerOffsetSync: %s
          gateway:
            namespace: %s
            kubeconfig: %s
            crs:
              initial: %s
              switchover: switchover.yaml
            fence:
              routes: [%s]
          topics: [%s]
          defaultPolicies:
        %s
        """.formatted(options.name(), sandbox.kafka().sourceBootstrap(), Sandbox.CLUSTER_ID,
        sandbox.kafka().destinationBootstrap(), sandbox.rest().baseUrl(), Sandbox.LINK, options.pauseOffsetSync(),
        kube.namespace(),
        kube.kubeconfig(), kube.gatewayName(), kube.routeName(), String.join(", ", sandbox.topics()), policies);
    Path manifest = dir.resolve("migration.yaml");
    Sandbox.writePrivate(manifest, yaml);
    return manifest;
  }
}
