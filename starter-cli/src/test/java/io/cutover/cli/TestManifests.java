package io.cutover.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A valid manifest with its switchover CR and credentials file, for tests that need one. */
final class TestManifests {
  private TestManifests() {}

  /**
   * {@code <dir>/<name>.yaml}, destination REST API on localhost:8082; {@code policies} is appended
   * as written.
   */
  static Path write(Path dir, String name, String policies) throws IOException {
    return write(dir, name, "", policies);
  }

  /**
   * As {@link #write(Path, String, String)}, with {@code clusterLink} (indented lines) added to
   * spec.clusterLink.
   */
  static Path write(Path dir, String name, String clusterLink, String policies) throws IOException {
    Files.writeString(
        dir.resolve("switchover.yaml"),
        """
        apiVersion: platform.confluent.io/v1beta1
        kind: Gateway
        metadata:
          name: migration-gateway
        spec:
          routes:
            - name: migration-route
              endpoint: gw.example.com:9595
        """);
    Files.writeString(
        dir.resolve("dest.yaml"), "sasl_plain:\n  username: key\n  password: not-a-real-secret\n");
    Path m = dir.resolve(name + ".yaml");
    Files.writeString(
        m,
        """
        apiVersion: cutover.io/v1alpha1
        kind: GatewayMigration
        metadata:
          name: %s
        spec:
          source:
            type: apache-kafka
            bootstrapServers: [localhost:9092]
            credentials:
              unauthenticated_plaintext: {}
          target:
            type: confluent-cloud
            clusterId: lkc-test
            kafka:
              bootstrapServers: [localhost:9192]
              restEndpoint: http://localhost:8082
              credentials: dest.yaml
          clusterLink:
            name: test-link
        %s
          gateway:
            namespace: confluent
            crs:
              initial: migration-gateway
              switchover: switchover.yaml
            fence:
              routes: [migration-route]
        %s"""
            .formatted(name, clusterLink, policies));
    Files.setPosixFilePermissions(
        m, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    return m;
  }
}
