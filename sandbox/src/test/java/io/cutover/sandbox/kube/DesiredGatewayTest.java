package io.cutover.sandbox.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** How the operator reads a Gateway CR: route, domain, upstream, fence and Secret references. */
class DesiredGatewayTest {
  private static final SandboxGatewayCrs.Layout LAYOUT =
      new SandboxGatewayCrs.Layout(
          "ns",
          "gw",
          List.of(new SandboxGatewayCrs.Layout.Endpoint("migration-route", "localhost:9595")),
          2,
          "source",
          "confluent-cloud",
          "localhost:1111",
          "localhost:2222",
          false);

  private static ObjectNode route(ObjectNode cr) {
    return (ObjectNode) cr.path("spec").path("routes").get(0);
  }

  @Test
  void initialCrTargetsTheSourceUnfencedAndReferencesTheStoreSecrets() {
    DesiredGateway d = DesiredGateway.read(SandboxGatewayCrs.initial(LAYOUT), "migration-route");
    assertEquals("source", d.domain());
    assertEquals("localhost:1111", d.upstream());
    assertEquals(Optional.empty(), d.fence());
    assertEquals(
        Set.of("file-store-config", "file-store-credentials", "plain-jaas"),
        d.secretRefs(),
        "the destination's auth is pre-staged");
    assertFalse(d.hotReload());
  }

  @Test
  void fenceErrorCodeMayBeANameOrANumberAndDefaultsToBrokerNotAvailable() {
    ObjectNode cr = SandboxGatewayCrs.initial(LAYOUT);
    route(cr).putObject("fence").put("scope", "ALL").put("errorCode", 6);
    assertEquals(
        Errors.NOT_LEADER_OR_FOLLOWER,
        DesiredGateway.read(cr, "migration-route").fence().orElseThrow());
    route(cr).putObject("fence").put("scope", "ALL");
    assertEquals(
        Errors.BROKER_NOT_AVAILABLE,
        DesiredGateway.read(cr, "migration-route").fence().orElseThrow());
    route(cr).putObject("fence").put("errorCode", "NONE");
    assertThrows(DesiredGateway.Rejected.class, () -> DesiredGateway.read(cr, "migration-route"));
  }

  @Test
  void missingRouteDomainOrBootstrapServerIsRejectedNamingIt() {
    ObjectNode cr = SandboxGatewayCrs.initial(LAYOUT);
    assertEquals(
        "route other-route not found in spec.routes",
        assertThrows(DesiredGateway.Rejected.class, () -> DesiredGateway.read(cr, "other-route"))
            .getMessage());
    ((ObjectNode) route(cr).path("streamingDomain")).put("bootstrapServerId", "NOPE");
    assertTrue(
        assertThrows(
                DesiredGateway.Rejected.class, () -> DesiredGateway.read(cr, "migration-route"))
            .getMessage()
            .contains("bootstrapServerId NOPE"));
    ((ObjectNode) route(cr).path("streamingDomain")).put("name", "elsewhere");
    assertTrue(
        assertThrows(
                DesiredGateway.Rejected.class, () -> DesiredGateway.read(cr, "migration-route"))
            .getMessage()
            .contains("streamingDomain elsewhere"));
  }

  @Test
  void theFlatSecurityFormIsRejectedAsTheCrdDoes() {
    ObjectNode cr = SandboxGatewayCrs.initial(LAYOUT);
    ObjectNode security = (ObjectNode) route(cr).path("security");
    security.remove("cluster");
    security.put("auth", "swap").put("secretStore", "file-store");
    security.putObject("cluster").putObject("authentication").put("type", "plain");
    assertEquals(
        "unknown field(s) spec.routes[0].security.auth, spec.routes[0].security.secretStore,"
            + " spec.routes[0].security.cluster.authentication: field not declared in schema (security.cluster is keyed"
            + " by streaming-domain name)",
        assertThrows(
                DesiredGateway.Rejected.class, () -> DesiredGateway.read(cr, "migration-route"))
            .getMessage());
  }

  @Test
  void aRouteBoundToADomainWithoutItsSecurityClusterEntryIsRejected() {
    ObjectNode cr = SandboxGatewayCrs.switchover(LAYOUT);
    assertEquals(
        "confluent-cloud",
        DesiredGateway.read(cr, "migration-route").domain(),
        "the keyed form is accepted");
    ((ObjectNode) route(cr).at("/security/cluster")).remove("confluent-cloud");
    assertEquals(
        "route migration-route has no security.cluster entry for streaming domain confluent-cloud",
        assertThrows(
                DesiredGateway.Rejected.class, () -> DesiredGateway.read(cr, "migration-route"))
            .getMessage());
  }

  @Test
  void secretReferencesAreCollectedFromEveryNestedRefField() {
    ObjectNode cr = SandboxGatewayCrs.switchover(LAYOUT);
    ObjectNode server =
        (ObjectNode)
            cr.path("spec")
                .path("streamingDomains")
                .get(0)
                .path("kafkaCluster")
                .path("bootstrapServers")
                .get(0);
    server.putObject("tls").put("secretRef", "msk-tls");
    DesiredGateway d = DesiredGateway.read(cr, "migration-route");
    assertEquals("localhost:2222", d.upstream());
    assertEquals(
        Set.copyOf(List.of("file-store-config", "file-store-credentials", "plain-jaas", "msk-tls")),
        d.secretRefs());
  }
}
