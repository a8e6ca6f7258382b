package io.cutover.activities.offsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.credentials.CredentialResolver;
import io.cutover.activities.credentials.KafkaCredentials;
import io.cutover.activities.credentials.RestCredentials;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.CredentialRef;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** Admin construction and caching, with stand-in Admins (no network). */
class KafkaAdminsTest {
  private static final String PASSWORD = "hunter2-very-secret";
  private static final Map<String, String> SCRAM =
      Map.of(
          "security.protocol", "SASL_SSL",
          "sasl.mechanism", "SCRAM-SHA-512",
          "sasl.jaas.config",
              "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"app\" password=\""
                  + PASSWORD
                  + "\";");

  private static final Targets.Kafka SOURCE =
      new Targets.Kafka(
          "source",
          "apache-kafka",
          List.of("b1:9092", "b2:9092"),
          CredentialRef.file("/etc/cutover/source.yaml"));

  private final AtomicInteger resolved = new AtomicInteger();
  private final List<Map<String, Object>> configs = new ArrayList<>();
  private final List<String> closed = new ArrayList<>();

  private CredentialResolver resolver(Map<String, String> props) {
    return new CredentialResolver() {
      @Override
      public KafkaCredentials kafka(CredentialRef ref, String role) {
        resolved.incrementAndGet();
        return new KafkaCredentials("sasl_scram", props);
      }

      @Override
      public RestCredentials rest(CredentialRef ref) {
        return RestCredentials.none();
      }
    };
  }

  /** An Admin that only records close(). */
  private Admin fakeAdmin(Map<String, Object> config) {
    configs.add(config);
    String id = String.valueOf(config.get("client.id"));
    return (Admin)
        Proxy.newProxyInstance(
            Admin.class.getClassLoader(),
            new Class<?>[] {Admin.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close")) {
                closed.add(id);
                return null;
              }
              if (method.getName().equals("toString")) {
                return "fake-" + id;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  @Test
  void theClientConfigHasBootstrapClientIdTimeoutsAndTheCredentialPropertiesOnTop() {
    var creds =
        new KafkaCredentials(
            "sasl_scram", Map.of("security.protocol", "SASL_SSL", "request.timeout.ms", "20000"));

    Map<String, Object> cfg = KafkaAdmins.clientConfig(SOURCE, creds);

    assertEquals("b1:9092,b2:9092", cfg.get("bootstrap.servers"));
    assertEquals("cutover-source", cfg.get("client.id"));
    assertEquals(15000, cfg.get("default.api.timeout.ms"));
    assertEquals("20000", cfg.get("request.timeout.ms"), "credential properties win");
    assertEquals("SASL_SSL", cfg.get("security.protocol"));
  }

  @Test
  void adminsAreCachedPerRoleAndBootstrapAndAllClosedOnce() {
    var admins = new KafkaAdmins(resolver(SCRAM), this::fakeAdmin);
    var destinationSameHosts =
        new Targets.Kafka(
            "destination", "confluent-cloud", SOURCE.bootstrapServers(), CredentialRef.none());

    Admin first = admins.admin(SOURCE);
    Admin again = admins.admin(SOURCE);
    Admin other = admins.admin(destinationSameHosts);
    admins.close();
    admins.close();

    assertSame(first, again);
    assertNotSame(first, other);
    assertEquals(2, resolved.get(), "credentials resolved once per cached Admin");
    assertEquals(
        List.of("cutover-destination", "cutover-source"), closed.stream().sorted().toList());
  }

  @Test
  void redactRemovesEveryResolvedSecretFromText() {
    var admins = new KafkaAdmins(resolver(SCRAM), this::fakeAdmin);
    admins.admin(SOURCE);

    String out = admins.redact("login failed for password=\"" + PASSWORD + "\" on b1:9092");

    assertFalse(out.contains(PASSWORD), out);
    assertTrue(out.contains("<redacted>") && out.contains("b1:9092"), out);
  }

  @Test
  void aFailingClientFactoryIsReportedAsInvalidConfigWithoutTheSecret() {
    var admins =
        new KafkaAdmins(
            resolver(SCRAM),
            cfg -> {
              throw new KafkaException(
                  "Failed to create new KafkaAdminClient",
                  new ConfigException(
                      "Invalid value " + cfg.get("sasl.jaas.config") + " for sasl.jaas.config"));
            });

    OffsetSweepException e = assertThrows(OffsetSweepException.class, () -> admins.admin(SOURCE));

    assertEquals(OffsetSweepException.Kind.INVALID, e.kind());
    assertTrue(e.getMessage().contains("source cluster (b1:9092,b2:9092)"), e.getMessage());
    assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
  }

  @Test
  void unresolvableBootstrapHostsAreTransient() {
    var admins =
        new KafkaAdmins(
            resolver(Map.of()),
            cfg -> {
              throw new KafkaException(
                  "Failed to create new KafkaAdminClient",
                  new ConfigException("No resolvable bootstrap urls given in bootstrap.servers"));
            });

    OffsetSweepException e = assertThrows(OffsetSweepException.class, () -> admins.admin(SOURCE));

    assertEquals(OffsetSweepException.Kind.TRANSIENT, e.kind());
    assertTrue(e.getMessage().contains("DNS"), e.getMessage());
  }

  @Test
  void aClusterWithoutBootstrapServersIsInvalidAndNamesTheRole() {
    var admins = new KafkaAdmins(resolver(Map.of()), this::fakeAdmin);
    var none = new Targets.Kafka("destination", "confluent-cloud", List.of(), CredentialRef.none());

    OffsetSweepException e = assertThrows(OffsetSweepException.class, () -> admins.admin(none));

    assertEquals(OffsetSweepException.Kind.INVALID, e.kind());
    assertTrue(
        e.getMessage().contains("destination cluster has no bootstrap servers"), e.getMessage());
    assertEquals(0, resolved.get());
  }

  @Test
  void aResolverFailureIsInvalidAndNamesTheCredentialReference() {
    CredentialResolver broken =
        new CredentialResolver() {
          @Override
          public KafkaCredentials kafka(CredentialRef ref, String role) {
            throw new IllegalStateException("file not found");
          }

          @Override
          public RestCredentials rest(CredentialRef ref) {
            return RestCredentials.none();
          }
        };
    var admins = new KafkaAdmins(broken, this::fakeAdmin);

    OffsetSweepException e = assertThrows(OffsetSweepException.class, () -> admins.admin(SOURCE));

    assertEquals(OffsetSweepException.Kind.INVALID, e.kind());
    assertTrue(e.getMessage().contains("file:/etc/cutover/source.yaml"), e.getMessage());
    assertTrue(configs.isEmpty());
  }

  @Test
  void evictClosesTheCachedAdminSoTheNextUseResolvesCredentialsAgain() {
    var admins = new KafkaAdmins(resolver(SCRAM), this::fakeAdmin);
    Admin first = admins.admin(SOURCE);

    admins.evict(SOURCE);
    Admin second = admins.admin(SOURCE);

    assertNotSame(first, second);
    assertEquals(List.of("cutover-source"), closed);
    assertEquals(2, resolved.get());
  }
}
