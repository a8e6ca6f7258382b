package io.cutover.activities.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.activity.GatewayActivities.TrafficCheck;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A real broker stands in for a gateway route that serves metadata. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrafficProbeIT {
  private final TrafficProbe probe = new TrafficProbe(TrafficProbe.ClientSettings.DEFAULT);
  private KafkaClusterTestKit kafka;
  private GatewayMock mock;

  @BeforeAll
  void start() throws Exception {
    mock = new GatewayMock();
    kafka =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setClusterId("gwTrafficAAAAAAAAAAAAA")
                    .setCombined(true)
                    .setNumControllerNodes(1)
                    .setNumBrokerNodes(1)
                    .build())
            .setConfigProp("offsets.topic.replication.factor", "1")
            .build();
    kafka.format();
    kafka.startup();
    kafka.waitForReadyBrokers();
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (kafka != null) {
        kafka.close();
      }
    } finally {
      mock.close();
    }
  }

  /** Installs the gateway with migration-route's endpoint set to {@code endpoint}. */
  private String gatewayWithEndpoint(String endpoint) {
    String ns = mock.newNamespace();
    ObjectNode cr = GatewayMock.initialCr(ns);
    GatewayCrs.route(cr, "migration-route").put("endpoint", endpoint);
    mock.install(ns, cr, 1);
    return ns;
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void aRouteThatServesMetadataPassesAndReportsItsEndpoint() {
    String bootstrap = kafka.bootstrapServers().split(",")[0];
    String ns = gatewayWithEndpoint("PLAINTEXT://" + bootstrap);

    TrafficCheck check =
        probe.check(
            mock.client,
            ns,
            GatewayMock.GATEWAY,
            List.of("migration-route"),
            Duration.ofSeconds(10),
            GatewayHeartbeat.NONE);

    assertEquals(List.of(bootstrap), check.endpoints());
    assertTrue(
        check.detail().contains("cluster gwTrafficAAAAAAAAAAAAA (1 broker(s))"), check.detail());
  }

  @Test
  void aRouteThatDoesNotAnswerFailsRetryablyNamingTheRoute() throws Exception {
    String ns = gatewayWithEndpoint("localhost:" + closedPort());
    long t0 = System.nanoTime();

    GatewayException e =
        assertThrows(
            GatewayException.class,
            () ->
                probe.check(
                    mock.client,
                    ns,
                    GatewayMock.GATEWAY,
                    List.of("migration-route"),
                    Duration.ofSeconds(1),
                    GatewayHeartbeat.NONE));

    assertEquals(FailureTypes.TRANSIENT, e.type());
    assertTrue(e.getMessage().contains("route \"migration-route\" (localhost:"), e.getMessage());
    assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 10, "bounded by the timeout");
  }

  @Test
  void aRouteMissingFromTheLiveCrIsNotFound() {
    String ns = gatewayWithEndpoint("localhost:1");
    GatewayException e =
        assertThrows(
            GatewayException.class,
            () ->
                probe.check(
                    mock.client,
                    ns,
                    GatewayMock.GATEWAY,
                    List.of("gone-route"),
                    Duration.ofSeconds(1),
                    GatewayHeartbeat.NONE));
    assertEquals(FailureTypes.NOT_FOUND, e.type());
    assertTrue(e.getMessage().contains("no route \"gone-route\""), e.getMessage());
  }

  @Test
  void aRouteThatAuthenticatesClientsIsUnsupportedWithoutCredentials() {
    String ns = mock.newNamespace();
    ObjectNode cr = GatewayMock.initialCr(ns);
    GatewayCrs.route(cr, "migration-route")
        .withObjectProperty("security")
        .withObjectProperty("client")
        .withObjectProperty("authentication")
        .put("type", "mtls");
    mock.install(ns, cr, 1);

    GatewayException e =
        assertThrows(
            GatewayException.class,
            () ->
                probe.check(
                    mock.client,
                    ns,
                    GatewayMock.GATEWAY,
                    List.of("migration-route"),
                    Duration.ofSeconds(1),
                    GatewayHeartbeat.NONE));

    assertEquals(FailureTypes.UNSUPPORTED, e.type());
  }

  @Test
  void defaultSettingsUseTlsOnlyWhenTheRouteHasAServerCertificate() {
    ObjectNode plain = GatewayResources.parseJson("{\"endpoint\":\"h:1\"}");
    ObjectNode tls =
        GatewayResources.parseJson(
            "{\"security\":{\"client\":{\"tls\":{\"secretRef\":\"gw-tls\"},"
                + "\"authentication\":{\"type\":\"none\"}}}}");
    ObjectNode scram =
        GatewayResources.parseJson(
            "{\"security\":{\"client\":{\"authentication\":{\"type\":\"scram\"}}}}");
    assertEquals(
        Map.of("security.protocol", "PLAINTEXT"),
        TrafficProbe.ClientSettings.DEFAULT.forRoute("n", "g", "r", plain));
    assertEquals(
        Map.of("security.protocol", "SSL"),
        TrafficProbe.ClientSettings.DEFAULT.forRoute("n", "g", "r", tls));
    assertNull(TrafficProbe.ClientSettings.DEFAULT.forRoute("n", "g", "r", scram));
    assertEquals("gw.example.com:9595", TrafficProbe.hostPort("SASL_SSL://gw.example.com:9595"));
  }

  @Test
  void clientCredentialsNeverAppearInTheFailure() throws Exception {
    String ns = gatewayWithEndpoint("localhost:" + closedPort());
    TrafficProbe withSasl =
        new TrafficProbe(
            (n, g, r, spec) ->
                Map.of(
                    "security.protocol",
                    "SASL_PLAINTEXT",
                    "sasl.mechanism",
                    "PLAIN",
                    "sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"app\" password=\"pw-9d1c-s3cr3t\";"));

    GatewayException e =
        assertThrows(
            GatewayException.class,
            () ->
                withSasl.check(
                    mock.client,
                    ns,
                    GatewayMock.GATEWAY,
                    List.of("migration-route"),
                    Duration.ofSeconds(1),
                    GatewayHeartbeat.NONE));

    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
  }
}
