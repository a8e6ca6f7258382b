package io.cutover.activities.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cutover.workflow.model.CredentialRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolved SASL settings authenticate against a real broker (one SASL_PLAINTEXT cluster for the
 * class, users from the test kit). The cluster has no TLS listener, so the SCRAM case swaps
 * SASL_SSL for SASL_PLAINTEXT: what it proves is the mechanism and the JAAS line, including a
 * password with a quote and a backslash.
 */
class KafkaSaslResolutionIT {

  private static final String JAAS_PROPERTY = "java.security.auth.login.config";
  private static final String TRICKY_PASSWORD = "sc\"ram\\pw-1";

  private static KafkaClusterTestKit cluster;
  private static String previousJaasProperty;

  @TempDir static Path dir;

  @BeforeAll
  static void startCluster() throws Exception {
    previousJaasProperty = System.getProperty(JAAS_PROPERTY);
    cluster =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumControllerNodes(1)
                    .setNumBrokerNodes(1)
                    .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                    .build())
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("super.users", "User:ANONYMOUS;User:plain-admin")
            .setConfigProp("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512")
            .setConfigProp(
                "listener.name.external.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;")
            .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    // The test kit points the JVM-wide JAAS file at its own; put back what was there.
    if (previousJaasProperty == null) {
      System.clearProperty(JAAS_PROPERTY);
    } else {
      System.setProperty(JAAS_PROPERTY, previousJaasProperty);
    }
  }

  private static Map<String, Object> clientConfig(KafkaCredentials creds) {
    Map<String, Object> config = new HashMap<>(creds.clientProperties());
    config.put("bootstrap.servers", cluster.bootstrapServers());
    config.put("default.api.timeout.ms", "15000");
    config.put("request.timeout.ms", "10000");
    return config;
  }

  private static KafkaCredentials resolve(String yaml) throws Exception {
    Path file = Files.writeString(Files.createTempFile(dir, "creds", ".yaml"), yaml);
    return DefaultCredentialResolver.fromSystemEnvironment()
        .kafka(CredentialRef.file(file.toString()), "source");
  }

  @Test
  void saslPlainSettingsAuthenticateAndAWrongPasswordIsRefused() throws Exception {
    KafkaCredentials good =
        resolve("sasl_plain:\n  username: plain-user1\n  password: plain-user1-secret\n");
    assertEquals("SASL_PLAINTEXT", good.clientProperties().get("security.protocol"));
    try (Admin admin = Admin.create(clientConfig(good))) {
      assertNotNull(admin.describeCluster().clusterId().get());
    }
    KafkaCredentials bad = resolve("sasl_plain:\n  username: plain-user1\n  password: wrong\n");
    try (Admin admin = Admin.create(clientConfig(bad))) {
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> admin.describeCluster().clusterId().get());
      assertInstanceOf(SaslAuthenticationException.class, e.getCause());
    }
  }

  @Test
  void saslScramSettingsAuthenticateWithAPasswordHoldingQuoteAndBackslash() throws Exception {
    KafkaCredentials admin =
        resolve("sasl_plain:\n  username: plain-admin\n  password: plain-admin-secret\n");
    try (Admin a = Admin.create(clientConfig(admin))) {
      a.alterUserScramCredentials(
              List.of(
                  new UserScramCredentialUpsertion(
                      "scram-user",
                      new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                      TRICKY_PASSWORD)))
          .all()
          .get();
    }
    KafkaCredentials scram =
        resolve(
            "sasl_scram:\n  username: scram-user\n  password: 'sc\"ram\\pw-1'\n  mechanism: SHA512\n");
    assertEquals("SASL_SSL", scram.clientProperties().get("security.protocol"));
    Map<String, Object> config = clientConfig(scram);
    config.put("security.protocol", "SASL_PLAINTEXT"); // the test cluster has no TLS listener
    // The new SCRAM user reaches the broker through the metadata log a moment after the controller
    // accepted it: retry authentication failures briefly.
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (true) {
      try (Admin a = Admin.create(config)) {
        assertNotNull(a.describeCluster().clusterId().get());
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof SaslAuthenticationException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }
}
