package io.cutover.activities.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.GatewaySnapshot;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * VALIDATE's Gateway CR checks with a derived switch, run on Cutover's own CRs in the shapes of
 * kcp's example Gateway CRs (test resources {@code gateway/kcp-shapes/}; each file's comment names
 * the kcp shape it stands for). An accepted CR has no problem and exactly the warnings expected,
 * and its fenced and switched CR are computed as VALIDATE's server-side dry run computes them
 * ({@link GatewayCrValidator#dryRuns}); a refused one has exactly the problems expected, in order.
 */
class KcpGatewayExamplesTest {
  private static final String NS = "confluent";
  private static final FenceErrorCode CODE = FenceErrorCode.BROKER_NOT_AVAILABLE;

  private static ObjectNode live(String file) {
    return GatewayCrRules.readCr(
        GatewayMock.resource("kcp-shapes/" + file), "live", m -> fail(file + ": " + m));
  }

  private static GatewayCrRules.Findings check(ObjectNode live, String route, String target) {
    return GatewayCrRules.check(
        live, "", target, List.of(route), NS, live.path("metadata").path("name").asText());
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        // keyed security.cluster, passthrough for the bound domain, swap staged for the target
        Arguments.of(
            "static-staged-swap.yaml",
            "orders-route",
            "cloud",
            "CLOUD_SASL",
            List.of("cloud-ca", "cloud-plain-jaas", "swap-store-config", "swap-store-principals"),
            List.of()),
        // spec.hotReload.enabled with a starting spec.configId, passthrough staged for the target
        Arguments.of(
            "hot-reload-keyed.yaml",
            "ledger-route",
            "cc-dedicated",
            "CC_TLS",
            List.of(),
            List.of()),
        // kcp's hot-reload suite: the flat form of CFK before 0.1838.0, security.auth: passthrough
        Arguments.of(
            "hot-reload-flat-passthrough.yaml",
            "telemetry-route",
            "target",
            "TARGET",
            List.of(),
            List.of()),
        // three domains, the source with three bootstrap servers, a second route left alone
        Arguments.of(
            "multi-domain.yaml",
            "payments-route",
            "confluent",
            "CC",
            List.of("cc-oauth-jaas", "vault-payments-config"),
            List.of()),
        // fenced already (a resumed run): recorded without the fence, so that unfence lifts it
        Arguments.of(
            "static-already-fenced.yaml",
            "shop-route",
            "cloud",
            "CLOUD",
            List.of("shop-cloud-jaas", "shop-vault-config"),
            List.of(
                "the live gateway CR already fences route \"shop-route\" ({\"scope\":\"ALL\","
                    + "\"errorCode\":\"BROKER_NOT_AVAILABLE\"}), so its clients are blocked now")),
        // kcp's redundant-auth fixture: no auth mode, a secret store the CR does not declare
        Arguments.of(
            "static-staged-without-auth-mode.yaml",
            "shop-route",
            "cloud",
            "CLOUD",
            List.of("shop-cloud-jaas"),
            List.of(
                "security.cluster.cloud names no auth mode; its authentication block is taken as"
                    + " the credentials the gateway swaps in",
                "security.cluster.cloud swaps credentials through secret store \"shop-store\", and"
                    + " the live Gateway declares no spec.secretStores")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void anAcceptedShapeHasNoProblemAndItsFenceAndSwitchAreComputedAsTheDryRunDoes(
      String file,
      String route,
      String target,
      String bootstrapId,
      List<String> secrets,
      List<String> warnings) {
    ObjectNode live = live(file);
    GatewayCrRules.Findings f = check(live, route, target);
    assertEquals(List.of(), f.problems(), file);
    assertEquals(warnings.size(), f.warnings().size(), file + ": " + f.warnings());
    for (int i = 0; i < warnings.size(); i++) {
      assertTrue(f.warnings().get(i).contains(warnings.get(i)), file + ": " + f.warnings().get(i));
    }
    assertEquals(secrets, f.secretNames(), file);

    // as VALIDATE records it: a migration route fenced already is recorded without its fence
    GatewaySnapshot snapshot = GatewayCrs.snapshot(live, List.of(route));
    assertFalse(GatewayCrs.isFenced(GatewayCrs.route(GatewayCrs.unfence(snapshot), route)), file);
    List<GatewayDryRun.Change> changes =
        GatewayCrValidator.dryRuns(snapshot, "", target, List.of(route), CODE);
    assertEquals(2, changes.size());
    JsonNode fenced = changes.get(0).edit().desired(live);
    JsonNode switched = changes.get(1).edit().desired(live);
    assertEquals("the derived switch (SWITCH)", changes.get(1).what());

    ObjectNode unfenced = GatewayCrs.unfence(snapshot);
    assertTrue(
        GatewayCrs.sameValue(
            GatewayCrs.route(fenced, route).get("fence"), GatewayCrs.fenceBlock(CODE)),
        file + ": the fenced CR fences the route");
    assertTrue(
        GatewayCrs.sameValue(GatewayCrs.stripFence(fenced, List.of(route)), unfenced),
        file + ": the fence is the only change of FENCE");

    ObjectNode binding = (ObjectNode) GatewayCrs.route(switched, route).get("streamingDomain");
    assertEquals(target, binding.path("name").asText(), file);
    assertEquals(bootstrapId, binding.path("bootstrapServerId").asText(), file);
    assertFalse(GatewayCrs.isFenced(GatewayCrs.route(switched, route)), file + ": switch unfences");
    ObjectNode rebound = ((ObjectNode) switched).deepCopy();
    GatewayCrs.route(rebound, route)
        .set("streamingDomain", GatewayCrs.route(unfenced, route).get("streamingDomain"));
    assertTrue(
        GatewayCrs.sameValue(rebound, unfenced),
        file + ": the binding is the only change of SWITCH");

    if (PodConfigs.hotReload(live)) {
      // what the write of each does on a hot-reload gateway: a config id the CRD's pattern takes
      String fenceId = PodConfigs.stamp(((ObjectNode) fenced).deepCopy());
      String switchId = PodConfigs.stamp(((ObjectNode) switched).deepCopy());
      assertTrue(PodConfigs.CONFIG_ID.matcher(fenceId).matches(), fenceId);
      assertTrue(PodConfigs.CONFIG_ID.matcher(switchId).matches(), switchId);
      assertNotEquals(fenceId, switchId);
      assertNotEquals(live.at("/spec/configId").asText(), fenceId);
    }
  }

  private static final String DYNAMIC =
      " of the live gateway CR is dynamic (it binds streamingDomains, not one streamingDomain);"
          + " the derived switch flips a static route's streamingDomain: use"
          + " spec.gateway.crs.switchover for this route";

  static Stream<Arguments> refused() {
    return Stream.of(
        // kcp migrates it topic by topic; this release switches a static route only
        Arguments.of(
            "dynamic-route.yaml",
            "events-route",
            "cloud-events",
            List.of("route \"events-route\"" + DYNAMIC)),
        // kcp's migplan engine fixtures: dynamic, and the domains live only on the route
        Arguments.of(
            "dynamic-inline-domains.yaml",
            "mig-route",
            "dst",
            List.of(
                "route \"mig-route\"" + DYNAMIC,
                "spec.gateway.targetStreamingDomain: streaming domain \"dst\" is not declared in the"
                    + " live gateway CR's spec.streamingDomains (declared: none)")),
        Arguments.of(
            "static-mode-plural-binding.yaml",
            "mig-route",
            "dst",
            List.of(
                "route \"mig-route\"" + DYNAMIC,
                "streaming domain \"dst\" is not declared in the live gateway CR's"
                    + " spec.streamingDomains (declared: none)")),
        Arguments.of(
            "static-already-bound.yaml",
            "shop-route",
            "cloud",
            List.of(
                "route \"shop-route\" of the live gateway CR is already bound to streaming domain"
                    + " \"cloud\", so the switch would change nothing")),
        Arguments.of(
            "static-target-undeclared.yaml",
            "shop-route",
            "cloud",
            List.of(
                "spec.gateway.targetStreamingDomain: streaming domain \"cloud\" is not declared in"
                    + " the live gateway CR's spec.streamingDomains (declared: legacy)")),
        Arguments.of(
            "static-target-two-bootstrap-ids.yaml",
            "shop-route",
            "cloud",
            List.of(
                "streaming domain \"cloud\" of the live gateway CR must declare exactly one bootstrap"
                    + " server id (kafkaCluster.bootstrapServers[].id), it declares CLOUD_A, CLOUD_B")),
        // one flat swap mapping for every domain: the switch would carry it to the target as is
        Arguments.of(
            "flat-swap.yaml",
            "billing-route",
            "cloud",
            List.of(
                "route \"billing-route\" of the live gateway CR writes its security in the flat form"
                    + " (security.auth, security.secretStore, security.cluster.authentication) with"
                    + " auth \"swap\": one credential mapping for whichever streaming domain the route"
                    + " is bound to, so the derived switch would present it unchanged to streaming"
                    + " domain \"cloud\"; use spec.gateway.crs.switchover")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void aRefusedShapeHasExactlyTheExpectedProblems(
      String file, String route, String target, List<String> expected) {
    List<String> problems = check(live(file), route, target).problems();
    assertEquals(expected.size(), problems.size(), file + ": " + problems);
    for (int i = 0; i < expected.size(); i++) {
      assertTrue(problems.get(i).contains(expected.get(i)), file + ": " + problems.get(i));
    }
  }
}
