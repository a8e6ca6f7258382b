package io.cutover.activities.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.GatewaySnapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The derived switch as a pure transformation of one live CR (docs/architecture.md, "SWITCH"). */
class GatewaySwitchTest {
  private static final List<String> ROUTE = List.of("migration-route");
  private static final String TARGET = "confluent-cloud";

  /**
   * The live fixture plus operator edits the switch must leave alone: rules, a fenced route of its
   * own.
   */
  private static ObjectNode live() {
    ObjectNode cr = GatewayCrsTest.liveCr();
    ObjectNode route = GatewayCrs.route(cr, "migration-route");
    route.putObject("rules").putObject("routing").putObject("coordination").put("group", "source");
    route
        .putObject("streamingDomain")
        .put("name", "source")
        .put("bootstrapServerId", "SRC")
        .put("note", "kept");
    ArrayNode routes = (ArrayNode) cr.at("/spec/routes");
    ObjectNode other =
        routes.addObject().put("name", "ops-route").put("endpoint", "gw.example.com:9600");
    other.putObject("streamingDomain").put("name", "source").put("bootstrapServerId", "SRC");
    other.putObject("fence").put("scope", "ALL").put("errorCode", "BROKER_NOT_AVAILABLE");
    return cr;
  }

  private static GatewaySnapshot snapshot() {
    return GatewayCrs.snapshot(live());
  }

  @Test
  void theSwitchChangesOnlyThatRoutesStreamingDomain() {
    GatewaySnapshot s = snapshot();
    ObjectNode before = GatewayCrs.unfence(s);
    ObjectNode after = GatewaySwitch.switched(s, ROUTE, TARGET);

    JsonNode binding = GatewayCrs.route(after, "migration-route").get("streamingDomain");
    assertEquals(TARGET, binding.get("name").asText());
    assertEquals(
        "CC", binding.get("bootstrapServerId").asText(), "the domain's only bootstrap server id");
    assertEquals("kept", binding.get("note").asText(), "other fields of the binding stay");
    // Put the old binding back: nothing else may differ, at any depth.
    ObjectNode restored = after.deepCopy();
    GatewayCrs.route(restored, "migration-route")
        .set("streamingDomain", GatewayCrs.route(before, "migration-route").get("streamingDomain"));
    assertTrue(
        GatewayCrs.sameValue(before, restored),
        "only the binding changed:\n" + before + "\n" + after);
    assertTrue(
        GatewayCrs.isFenced(GatewayCrs.route(after, "ops-route")),
        "the operator's own fence stays");
    assertEquals(
        GatewayCrs.route(before, "scram-registration-route"),
        GatewayCrs.route(after, "scram-registration-route"));
  }

  @Test
  void fenceThenFlipThenUnfenceIsTheSwitchedCr() {
    GatewaySnapshot s = snapshot();
    ObjectNode fenced = GatewayCrs.fence(s, ROUTE, FenceErrorCode.NOT_LEADER_OR_FOLLOWER);
    ObjectNode flippedWhileFenced = GatewaySwitch.flip(fenced, ROUTE, TARGET);

    assertTrue(
        GatewayCrs.isFenced(GatewayCrs.route(flippedWhileFenced, "migration-route")),
        "the flip keeps the fence");
    ObjectNode unfenced = GatewayCrs.stripFence(flippedWhileFenced, ROUTE);
    assertTrue(GatewayCrs.sameValue(GatewaySwitch.switched(s, ROUTE, TARGET), unfenced));
    // And the other order: fencing the switched CR is the flipped fenced CR.
    ObjectNode switched = GatewaySwitch.switched(s, ROUTE, TARGET);
    GatewaySnapshot switchedSnapshot =
        new GatewaySnapshot(GatewayResources.toJson(switched), "", 0, s.routes());
    assertTrue(
        GatewayCrs.sameValue(
            flippedWhileFenced,
            GatewayCrs.fence(switchedSnapshot, ROUTE, FenceErrorCode.NOT_LEADER_OR_FOLLOWER)));
  }

  @Test
  void theSwitchIsIdempotentAndLeavesTheSnapshotAlone() {
    GatewaySnapshot s = snapshot();
    String json = s.crJson();
    ObjectNode once = GatewaySwitch.switched(s, ROUTE, TARGET);
    ObjectNode twice = GatewaySwitch.flip(once, ROUTE, TARGET);
    assertTrue(GatewayCrs.sameValue(once, twice));
    assertEquals(json, s.crJson());
    assertFalse(
        GatewayCrs.specEquals(GatewayCrs.unfence(s), once), "the switch does change the spec");
  }

  @Test
  void aFlipTheCrCannotTakeIsRefused() {
    GatewaySnapshot s = snapshot();
    assertInvalid(() -> GatewaySwitch.switched(s, ROUTE, "nowhere"), "\"nowhere\" is not declared");
    assertInvalid(
        () -> GatewaySwitch.switched(s, List.of("nope"), TARGET), "route \"nope\" not found");
    assertInvalid(() -> GatewaySwitch.switched(null, ROUTE, TARGET), "no snapshot");
    assertInvalid(() -> GatewaySwitch.switched(s, List.of(), TARGET), "needs the routes");
    ObjectNode dynamic = live();
    ObjectNode route = GatewayCrs.route(dynamic, "migration-route");
    route.remove("streamingDomain");
    route.putArray("streamingDomains").addObject().put("name", "source");
    assertInvalid(() -> GatewaySwitch.flip(dynamic, ROUTE, TARGET), "is a dynamic route");
  }

  @Test
  void aLiveCrStagedForTheSwitchHasNoProblemAndNamesItsSecrets() {
    ObjectNode cr = live();
    assertEquals(List.of(), problems(cr, ROUTE, TARGET));
    assertEquals(
        List.of("file-store-config", "file-store-credentials", "plain-jaas"),
        GatewaySwitch.secretNames(cr, ROUTE, TARGET, new java.util.ArrayList<>()));
  }

  @Test
  void eachMissingPrerequisiteIsOneProblemNamingTheFieldAndFix() {
    assertOne(
        problems(live(), ROUTE, "cc"),
        "spec.gateway.targetStreamingDomain: streaming domain"
            + " \"cc\" is not declared in the live gateway CR's spec.streamingDomains (declared: source, confluent-cloud)");

    ObjectNode twoIds = live();
    ((ArrayNode) twoIds.at("/spec/streamingDomains/1/kafkaCluster/bootstrapServers"))
        .addObject()
        .put("id", "CC2");
    assertOne(problems(twoIds, ROUTE, TARGET), "it declares CC, CC2");

    ObjectNode unstaged = live();
    ((ObjectNode) GatewayCrs.route(unstaged, "migration-route").at("/security/cluster"))
        .remove(TARGET);
    assertOne(
        problems(unstaged, ROUTE, TARGET),
        "has no auth for streaming domain \"confluent-cloud\""
            + " (security.cluster.confluent-cloud); pre-stage it in the live Gateway");

    ObjectNode otherStore = live();
    ((ObjectNode) otherStore.at("/spec/secretStores/0")).put("name", "vault-store");
    assertOne(
        problems(otherStore, ROUTE, TARGET),
        "through secret store \"file-store\", which" + " spec.secretStores does not declare");

    // No spec.secretStores at all (kcp's migplan fixtures): the operator's to resolve, said once.
    ObjectNode noStores = live();
    ((ObjectNode) noStores.get("spec")).remove("secretStores");
    List<String> warnings = new ArrayList<>();
    assertEquals(List.of(), GatewaySwitch.problems(noStores, ROUTE, TARGET, warnings));
    assertOne(warnings, "declares no spec.secretStores, so Cutover cannot check the store");

    // An authentication block without an auth mode stages a swap (kcp's redundant-auth fixture).
    ObjectNode noMode = live();
    ((ObjectNode) GatewayCrs.route(noMode, "migration-route").at("/security/cluster/" + TARGET))
        .remove("auth");
    warnings.clear();
    assertEquals(List.of(), GatewaySwitch.problems(noMode, ROUTE, TARGET, warnings));
    assertOne(warnings, "security.cluster.confluent-cloud names no auth mode");
    ((ObjectNode) GatewayCrs.route(noMode, "migration-route").at("/security/cluster/" + TARGET))
        .remove("authentication");
    assertOne(problems(noMode, ROUTE, TARGET), "auth must be passthrough or swap, got \"\"");

    ObjectNode badAuth = live();
    ((ObjectNode) GatewayCrs.route(badAuth, "migration-route").at("/security/cluster/" + TARGET))
        .put("auth", "magic");
    assertOne(problems(badAuth, ROUTE, TARGET), "auth must be passthrough or swap, got \"magic\"");

    ObjectNode bound = live();
    ((ObjectNode) GatewayCrs.route(bound, "migration-route").get("streamingDomain"))
        .put("name", TARGET);
    assertOne(problems(bound, ROUTE, TARGET), "is already bound to streaming domain");
  }

  /** The live fixture with migration-route's security in the flat form of CFK before 0.1838.0. */
  private static ObjectNode flat(String auth) {
    ObjectNode cr = live();
    ObjectNode security = (ObjectNode) GatewayCrs.route(cr, "migration-route").get("security");
    security.remove("cluster");
    security.put("auth", auth);
    return cr;
  }

  @Test
  void aFlatPassthroughRouteNeedsNoStagedAuthAndSwitchesByItsBindingAlone() {
    ObjectNode cr = flat("passthrough");
    assertEquals(List.of(), problems(cr, ROUTE, TARGET));
    ObjectNode switched = GatewaySwitch.switched(GatewayCrs.snapshot(cr), ROUTE, TARGET);
    ObjectNode route = GatewayCrs.route(switched, "migration-route");
    assertEquals(TARGET, route.at("/streamingDomain/name").asText());
    assertEquals("CC", route.at("/streamingDomain/bootstrapServerId").asText());
    assertEquals("passthrough", route.at("/security/auth").asText());
  }

  @Test
  void aFlatSwapRouteIsOneProblemPointingAtTheSwitchoverCr() {
    ObjectNode cr = flat("swap");
    ((ObjectNode) GatewayCrs.route(cr, "migration-route").get("security"))
        .put("secretStore", "file-store");
    assertOne(
        problems(cr, ROUTE, TARGET),
        "route \"migration-route\" of the live gateway CR writes its security in the flat form"
            + " (security.auth, security.secretStore) with auth \"swap\": one credential mapping for"
            + " whichever streaming domain the route is bound to, so the derived switch would present"
            + " it unchanged to streaming domain \"confluent-cloud\"; use spec.gateway.crs.switchover");
    // passthrough next to a flat secret store is not the plain passthrough either
    ObjectNode mixed = flat("passthrough");
    ((ObjectNode) GatewayCrs.route(mixed, "migration-route").get("security"))
        .put("secretStore", "file-store");
    assertOne(problems(mixed, ROUTE, TARGET), "with auth \"passthrough\"");
  }

  @Test
  void aDynamicRouteIsNamedEvenWhenTheTargetDomainIsNotDeclared() {
    ObjectNode cr = live();
    ObjectNode route = GatewayCrs.route(cr, "migration-route");
    route.remove("streamingDomain");
    route.putArray("streamingDomains").addObject().put("name", "source");
    List<String> problems = problems(cr, ROUTE, "cc");
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("\"migration-route\" of the live gateway CR is dynamic"));
    assertTrue(problems.get(1).contains("streaming domain \"cc\" is not declared"));
    ((ObjectNode) cr.get("spec")).remove("streamingDomains");
    assertTrue(
        problems(cr, ROUTE, "cc").get(1).contains("(declared: none)"),
        problems(cr, ROUTE, "cc").toString());
  }

  /** The switch's problems for a CR that must raise no warning. */
  private static List<String> problems(JsonNode cr, List<String> routes, String domain) {
    List<String> warnings = new ArrayList<>();
    List<String> problems = GatewaySwitch.problems(cr, routes, domain, warnings);
    assertEquals(List.of(), warnings);
    return problems;
  }

  private static void assertOne(List<String> problems, String fragment) {
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains(fragment), problems.get(0));
  }

  private static void assertInvalid(
      org.junit.jupiter.api.function.Executable call, String fragment) {
    GatewayException e = assertThrows(GatewayException.class, call);
    assertEquals(FailureTypes.INVALID_REQUEST, e.type());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
