package io.cutover.activities.credentials;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.model.CredentialRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mTLS settings work in the real Kafka client: its config provider reads the PEM files and its
 * SSL engine factory builds a keystore with the key and a truststore with the CA.
 */
class MtlsKeystoreTest {

  @TempDir Path dir;

  @Test
  void kafkaClientLoadsThePemKeystoreAndTruststoreFromTheResolvedSettings() throws Exception {
    TestPem.write(dir);
    Files.copy(dir.resolve("client.crt"), dir.resolve("ca.pem"));
    Path creds =
        Files.writeString(
            dir.resolve("mtls.yaml"),
            "mtls:\n  client_cert: client.crt\n  client_key: client.key\n  ca_cert: ca.pem\n");
    KafkaCredentials resolved =
        DefaultCredentialResolver.fromSystemEnvironment()
            .kafka(CredentialRef.file(creds.toString()), "source");

    Map<String, Object> props = new HashMap<>(resolved.clientProperties());
    props.put("bootstrap.servers", "localhost:9093");
    AdminClientConfig config = new AdminClientConfig(props);
    // Compared without printing: a failure message must not carry key material, even a test key's.
    assertTrue(
        Files.readString(dir.resolve("client.key"))
            .strip()
            .equals(config.getPassword("ssl.keystore.key").value().strip()),
        "the provider variable resolves to the key file's content inside the client");

    try (DefaultSslEngineFactory factory = new DefaultSslEngineFactory()) {
      factory.configure(config.values());
      KeyStore keystore = factory.keystore();
      assertNotNull(keystore);
      String alias = keystore.aliases().nextElement();
      assertTrue(keystore.isKeyEntry(alias), "the keystore holds the private key");
      assertNotNull(factory.truststore());
      SSLEngine engine = factory.createClientSslEngine("localhost", 9093, "https");
      assertTrue(engine.getUseClientMode());
    }
  }
}
