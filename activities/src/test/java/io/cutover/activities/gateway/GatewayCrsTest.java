package io.cutover.activities.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.GatewaySnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class GatewayCrsTest {
  private static final FenceErrorCode BNA = FenceErrorCode.BROKER_NOT_AVAILABLE;
  private static final String UINT64_MAX = "18446744073709551615";

  /** The fixture as the API server returns it: server-managed metadata and a status. */
  static ObjectNode liveCr() {
    ObjectNode cr = GatewayMock.initialCr("confluent");
    ObjectNode meta = (ObjectNode) cr.get("metadata");
    meta.put("resourceVersion", "4711")
        .put("uid", "0b5c-uid")
        .put("creationTimestamp", "2026-01-01T00:00:00Z")
        .put("generation", 7);
    meta.putArray("managedFields").addObject().put("manager", "kubectl").put("operation", "Update");
    meta.putArray("ownerReferences")
        .addObject()
        .put("kind", "Platform")
        .put("name", "p")
        .put("uid", "x");
    cr.putObject("status").put("observedGeneration", 7).put("phase", "RUNNING");
    return cr;
  }

  static GatewaySnapshot snapshot() {
    return GatewayCrs.snapshot(liveCr());
  }

  private static GatewayException failure(Runnable r) {
    GatewayException e = assertThrows(GatewayException.class, r::run);
    assertEquals(FailureTypes.INVALID_REQUEST, e.type());
    return e;
  }

  @Test
  void snapshotDropsServerManagedFieldsAndStatusButKeepsLabelsAnnotationsOwners() {
    ObjectNode cr = GatewayResources.parseJson(snapshot().crJson());
    JsonNode meta = cr.path("metadata");
    for (String f :
        List.of("managedFields", "resourceVersion", "uid", "creationTimestamp", "generation")) {
      assertFalse(meta.has(f), f);
    }
    assertFalse(cr.has("status"));
    assertEquals("cutover-test", meta.path("labels").path("app.kubernetes.io/part-of").asText());
    assertEquals("platform-team", meta.path("annotations").path("example.com/owner").asText());
    assertEquals("Platform", meta.path("ownerReferences").get(0).path("kind").asText());
  }

  @Test
  void snapshotRecordsResourceVersionGenerationAndRoutes() {
    GatewaySnapshot s = snapshot();
    assertEquals("4711", s.resourceVersion());
    assertEquals(7, s.generation());
    assertEquals(List.of("migration-route", "scram-registration-route"), s.routes());
  }

  @Test
  void fenceInjectsScopeAllAndTheErrorCodeOnTheNamedRoute() {
    ObjectNode fenced = GatewayCrs.fence(snapshot(), List.of("migration-route"), BNA);
    JsonNode fence = GatewayCrs.route(fenced, "migration-route").path("fence");
    assertEquals("ALL", fence.path("scope").asText());
    assertEquals("BROKER_NOT_AVAILABLE", fence.path("errorCode").asText());
    assertEquals(2, fence.size());
  }

  @Test
  void fenceUsesTheRequestedErrorCode() {
    ObjectNode fenced =
        GatewayCrs.fence(
            snapshot(), List.of("migration-route"), FenceErrorCode.NOT_LEADER_OR_FOLLOWER);
    assertEquals(
        "NOT_LEADER_OR_FOLLOWER",
        GatewayCrs.route(fenced, "migration-route").path("fence").path("errorCode").asText());
  }

  @Test
  void fenceLeavesRoutesThatAreNotNamedUntouched() {
    GatewaySnapshot s = snapshot();
    ObjectNode fenced = GatewayCrs.fence(s, List.of("migration-route"), BNA);
    assertEquals(
        GatewayCrs.route(GatewayCrs.unfence(s), "scram-registration-route"),
        GatewayCrs.route(fenced, "scram-registration-route"));
  }

  @Test
  void fenceCoversEveryNamedRoute() {
    ObjectNode fenced =
        GatewayCrs.fence(snapshot(), List.of("migration-route", "scram-registration-route"), BNA);
    assertTrue(GatewayCrs.isFenced(GatewayCrs.route(fenced, "migration-route")));
    assertTrue(GatewayCrs.isFenced(GatewayCrs.route(fenced, "scram-registration-route")));
  }

  @Test
  void fenceOfAnUnknownRouteNamesTheDeclaredRoutes() {
    GatewayException e = failure(() -> GatewayCrs.fence(snapshot(), List.of("nope"), BNA));
    assertTrue(e.getMessage().contains("route \"nope\" not found"), e.getMessage());
    assertTrue(
        e.getMessage().contains("migration-route, scram-registration-route"), e.getMessage());
  }

  @Test
  void fenceOfAnAlreadyFencedRouteIsRefused() {
    ObjectNode cr = liveCr();
    GatewayCrs.route(cr, "migration-route").set("fence", GatewayCrs.fenceBlock(BNA));
    GatewayException e =
        failure(() -> GatewayCrs.fence(GatewayCrs.snapshot(cr), List.of("migration-route"), BNA));
    assertTrue(e.getMessage().contains("already fenced"), e.getMessage());
  }

  @Test
  void anEmptyFenceObjectCountsAsFencedButNullDoesNot() {
    ObjectNode empty = liveCr();
    GatewayCrs.route(empty, "migration-route").putObject("fence");
    failure(() -> GatewayCrs.fence(GatewayCrs.snapshot(empty), List.of("migration-route"), BNA));

    ObjectNode nulled = liveCr();
    GatewayCrs.route(nulled, "migration-route").putNull("fence");
    ObjectNode fenced =
        GatewayCrs.fence(GatewayCrs.snapshot(nulled), List.of("migration-route"), BNA);
    assertEquals(
        "ALL", GatewayCrs.route(fenced, "migration-route").path("fence").path("scope").asText());
  }

  @Test
  void fenceWithNoRouteNamesIsRefused() {
    assertTrue(
        failure(() -> GatewayCrs.fence(snapshot(), List.of(), BNA))
            .getMessage()
            .contains("no routes named"));
    assertTrue(
        failure(() -> GatewayCrs.fence(snapshot(), null, BNA))
            .getMessage()
            .contains("no routes named"));
  }

  @Test
  void integersBeyondLongSurviveSnapshotAndFenceExactly() {
    GatewaySnapshot s = snapshot();
    assertTrue(s.crJson().contains("\"end\":" + UINT64_MAX), s.crJson());
    ObjectNode fenced = GatewayCrs.fence(s, List.of("migration-route"), BNA);
    JsonNode end = fenced.at("/spec/streamingDomains/0/kafkaCluster/nodeIdRanges/0/end");
    assertTrue(end.isBigInteger(), end.getNodeType().toString());
    assertEquals(UINT64_MAX, end.bigIntegerValue().toString());
    assertTrue(GatewayResources.toJson(fenced).contains("\"end\":" + UINT64_MAX));
  }

  @Test
  void strippingTheFenceGivesTheSnapshotBack() {
    GatewaySnapshot s = snapshot();
    List<String> routes = List.of("migration-route", "scram-registration-route");
    ObjectNode fenced = GatewayCrs.fence(s, routes, BNA);
    assertEquals(GatewayCrs.unfence(s), GatewayCrs.stripFence(fenced, routes));
    assertEquals(
        s.crJson(),
        GatewayResources.toJson(GatewayCrs.stripFence(fenced, routes)),
        "byte-identical: the fence block is appended and removed, nothing else moves");
  }

  @Test
  void theFenceBlockIsTheOnlyDeltaBetweenFenceAndUnfence() {
    GatewaySnapshot s = snapshot();
    Set<String> unfenced = leaves(GatewayCrs.unfence(s));
    Set<String> fenced = leaves(GatewayCrs.fence(s, List.of("migration-route"), BNA));
    Set<String> added = new TreeSet<>(fenced);
    added.removeAll(unfenced);
    Set<String> removed = new TreeSet<>(unfenced);
    removed.removeAll(fenced);
    assertEquals(
        Set.of(
            "/spec/routes/0/fence/errorCode=\"BROKER_NOT_AVAILABLE\"",
            "/spec/routes/0/fence/scope=\"ALL\""),
        added);
    assertEquals(Set.of(), removed);
  }

  @Test
  void unfenceIsTheSnapshotItself() {
    GatewaySnapshot s = snapshot();
    assertEquals(s.crJson(), GatewayResources.toJson(GatewayCrs.unfence(s)));
  }

  @Test
  void fenceDeviationsAreEmptyOnlyWhenTheNamedRoutesCarryTheExpectedFence() {
    GatewaySnapshot s = snapshot();
    List<String> routes = List.of("migration-route");
    ObjectNode fenced = GatewayCrs.fence(s, routes, BNA);
    assertEquals(List.of(), GatewayCrs.fenceDeviations(fenced, routes, BNA));

    assertEquals(
        List.of("route \"migration-route\" carries no fence"),
        GatewayCrs.fenceDeviations(GatewayCrs.unfence(s), routes, BNA));

    List<String> wrongCode =
        GatewayCrs.fenceDeviations(fenced, routes, FenceErrorCode.NOT_LEADER_OR_FOLLOWER);
    assertEquals(1, wrongCode.size());
    assertTrue(wrongCode.get(0).contains("expected"), wrongCode.get(0));

    ObjectNode extra = fenced.deepCopy();
    GatewayCrs.route(extra, "scram-registration-route").set("fence", GatewayCrs.fenceBlock(BNA));
    assertEquals(
        List.of(),
        GatewayCrs.fenceDeviations(extra, routes, BNA),
        "another route's fence is its own group's (one gateway, several groups)");
  }

  @Test
  void specEqualityComparesNumbersByValueAndIgnoresNullFields() {
    ObjectNode a =
        GatewayResources.parseJson("{\"spec\":{\"replicas\":2,\"x\":null,\"r\":[{\"n\":1}]}}");
    ObjectNode b = GatewayResources.parseJson("{\"spec\":{\"replicas\":2.0,\"r\":[{\"n\":1}]}}");
    ((ObjectNode) b.get("spec")).put("replicas", 2L);
    assertTrue(GatewayCrs.specEquals(a, b));
    ((ObjectNode) b.get("spec")).put("replicas", 3);
    assertFalse(GatewayCrs.specEquals(a, b));
  }

  @Test
  void specHashIgnoresKeyOrderAndNumberRepresentation() {
    ObjectNode a = GatewayResources.parseJson("{\"spec\":{\"a\":1,\"b\":{\"c\":2,\"d\":\"x\"}}}");
    ObjectNode b = GatewayResources.parseJson("{\"spec\":{\"b\":{\"d\":\"x\",\"c\":2.0},\"a\":1}}");
    assertEquals(GatewayApplier.specHash(a), GatewayApplier.specHash(b));
    ((ObjectNode) b.get("spec")).put("a", 5);
    assertNotEquals(GatewayApplier.specHash(a), GatewayApplier.specHash(b));
  }

  /** Every leaf as "pointer=value". */
  static Set<String> leaves(JsonNode n) {
    Set<String> out = new TreeSet<>();
    collect(n, "", out);
    return out;
  }

  private static void collect(JsonNode n, String path, Set<String> out) {
    if (n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        collect(e.getValue(), path + "/" + e.getKey(), out);
      }
    } else if (n.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      n.forEach(items::add);
      for (int i = 0; i < items.size(); i++) {
        collect(items.get(i), path + "/" + i, out);
      }
    } else {
      out.add(path + "=" + n);
    }
  }
}
