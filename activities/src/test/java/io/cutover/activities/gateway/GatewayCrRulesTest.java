package io.cutover.activities.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class GatewayCrRulesTest {
  private static final String NS = "confluent";
  private static final String GW = GatewayMock.GATEWAY;
  private static final List<String> FENCE = List.of("migration-route");
  private static final String SWITCHOVER = GatewayMock.resource("gateway-switchover.yaml");

  private static ObjectNode initial() {
    return GatewayCrsTest.liveCr();
  }

  private static GatewayCrRules.Findings check(String switchoverYaml) {
    return GatewayCrRules.check(initial(), switchoverYaml, FENCE, NS, GW);
  }

  /** The switchover fixture edited as a tree, back to YAML. */
  private static String switchover(UnaryOperator<ObjectNode> edit) {
    ObjectNode cr = GatewayOperations.parseSwitchover(SWITCHOVER);
    try {
      return new YAMLMapper().writeValueAsString(edit.apply(cr));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertOneProblem(GatewayCrRules.Findings f, String fragment) {
    assertEquals(1, f.problems().size(), f.problems().toString());
    assertTrue(f.problems().get(0).contains(fragment), f.problems().get(0));
  }

  @Test
  void theFixturesPassAndTheSwitchoversSecretsAreCollected() {
    GatewayCrRules.Findings f = check(SWITCHOVER);
    assertEquals(List.of(), f.problems());
    assertEquals(List.of(), f.warnings());
    assertEquals(
        List.of("file-store-config", "file-store-credentials", "plain-jaas", "tls"),
        f.secretNames());
  }

  @Test
  void aPlanWithNeitherASwitchoverNorATargetDomainIsAProblem() {
    assertOneProblem(
        check("  \n"),
        "spec.gateway: the plan has neither a switchover CR nor a target streaming domain;"
            + " set spec.gateway.targetStreamingDomain (or crs.switchover)");
  }

  @Test
  void anUnusableSwitchoverNamesItsFile() {
    assertOneProblem(
        check("# only a comment\n"),
        "the switchover gateway CR is not usable: the document is empty;"
            + " fix the file named by spec.gateway.crs.switchover");
  }

  @Test
  void aDerivedSwitchOnTheStagedFixtureHasNoProblemAndNamesTheSecretsItNeeds() {
    GatewayCrRules.Findings f =
        GatewayCrRules.check(initial(), "", "confluent-cloud", FENCE, NS, GW);
    assertEquals(List.of(), f.problems());
    assertEquals(
        List.of("file-store-config", "file-store-credentials", "plain-jaas"), f.secretNames());
    assertTrue(f.secretsOf().contains("streaming domain \"confluent-cloud\""), f.secretsOf());
  }

  @Test
  void aSwitchoverNextToADerivedSwitchIsRefusedNamingTheField() {
    assertOneProblem(
        GatewayCrRules.check(initial(), SWITCHOVER, "confluent-cloud", FENCE, NS, GW),
        "spec.gateway.crs.switchover: not allowed with spec.gateway.targetStreamingDomain");
  }

  @Test
  void aDerivedSwitchToAnUndeclaredDomainIsAProblemBeforeAnythingIsFenced() {
    assertOneProblem(
        GatewayCrRules.check(initial(), "", "cc", FENCE, NS, GW),
        "streaming domain \"cc\" is not declared in the live gateway CR's spec.streamingDomains");
  }

  /** The live fixture with scram-registration-route's security in the flat form. */
  private static ObjectNode flatLive() {
    ObjectNode flat = initial();
    ObjectNode security =
        (ObjectNode) GatewayCrs.route(flat, "scram-registration-route").get("security");
    security.remove("cluster");
    security.put("auth", "swap").put("secretStore", "file-store");
    return flat;
  }

  /** The switchover fixture with migration-route's security in the flat form. */
  private static String flatSwitchover() {
    return switchover(
        cr -> {
          ObjectNode security =
              (ObjectNode) GatewayCrs.route(cr, "migration-route").get("security");
          JsonNode keyed = security.at("/cluster/confluent-cloud");
          security.put("auth", "swap").put("secretStore", "file-store");
          security.putObject("cluster").set("authentication", keyed.get("authentication"));
          return cr;
        });
  }

  @Test
  void aLiveCrInTheFlatFormIsNotRefusedForItsFormWhichItsOwnCrdStores() {
    assertEquals(List.of(), GatewayCrRules.check(flatLive(), SWITCHOVER, FENCE, NS, GW).problems());
  }

  @Test
  void aFlatSwitchoverIsRefusedNextToAKeyedLiveCrOnly() {
    assertOneProblem(
        GatewayCrRules.check(initial(), flatSwitchover(), FENCE, NS, GW),
        "the switchover gateway CR writes route security in the flat form"
            + " (spec.routes[0].security.auth, ");
    assertEquals(
        List.of(), GatewayCrRules.check(flatLive(), flatSwitchover(), FENCE, NS, GW).problems());
  }

  @Test
  void unparsableYamlIsAProblemWithItsPositionOnly() {
    assertOneProblem(check("spec: [unclosed"), "line 1, column ");
    assertOneProblem(check("spec: [unclosed"), "not valid YAML");
  }

  @Test
  void aYamlScalarOrEmptyMappingHasNoFields() {
    assertOneProblem(check("just a string"), "contains no fields");
    assertOneProblem(check("{}"), "contains no fields");
  }

  @Test
  void wrongKindIsAProblem() {
    assertOneProblem(
        check(switchover(cr -> cr.put("kind", "KafkaGateway"))), "has kind \"KafkaGateway\"");
  }

  @Test
  void wrongApiGroupIsAProblem() {
    assertOneProblem(
        check(switchover(cr -> cr.put("apiVersion", "example.com/v1beta1"))),
        "its group must be \"platform.confluent.io\"");
  }

  @Test
  void anotherApiVersionOfTheGroupIsAProblem() {
    assertOneProblem(
        check(switchover(cr -> cr.put("apiVersion", "platform.confluent.io/v1"))),
        "declares apiVersion \"platform.confluent.io/v1\"");
  }

  @Test
  void aSwitchoverWithoutSpecIsAProblem() {
    GatewayCrRules.Findings f =
        check("apiVersion: platform.confluent.io/v1beta1\nkind: Gateway\nmetadata: {name: x}\n");
    assertTrue(
        f.problems().stream().anyMatch(p -> p.contains("the switchover gateway CR has no spec")),
        f.problems().toString());
  }

  @Test
  void anInitialCrOfTheWrongKindIsAProblem() {
    ObjectNode init = initial();
    init.put("kind", "Deployment");
    GatewayCrRules.Findings f = GatewayCrRules.check(init, SWITCHOVER, FENCE, NS, GW);
    assertOneProblem(f, "the initial gateway CR has kind \"Deployment\"");
  }

  @Test
  void aSwitchoverNamedForAnotherGatewayOrNamespaceIsAProblem() {
    GatewayCrRules.Findings f =
        check(
            switchover(
                cr -> {
                  ((ObjectNode) cr.get("metadata"))
                      .put("name", "other-gateway")
                      .put("namespace", "kafka");
                  return cr;
                }));
    assertEquals(2, f.problems().size(), f.problems().toString());
    assertTrue(
        f.problems()
            .get(0)
            .contains(
                "is named \"other-gateway\" but the migration targets gateway \"" + GW + "\""));
    assertTrue(
        f.problems()
            .get(1)
            .contains(
                "declares namespace \"kafka\" but the migration targets namespace \"confluent\""));
  }

  @Test
  void kubectlGetOutputFieldsOnlyWarnBecauseTheyAreStrippedBeforeWriting() {
    GatewayCrRules.Findings f =
        check(
            switchover(
                cr -> {
                  ((ObjectNode) cr.get("metadata"))
                      .put("resourceVersion", "12")
                      .putArray("managedFields")
                      .addObject();
                  cr.putObject("status").put("observedGeneration", 3);
                  return cr;
                }));
    assertEquals(List.of(), f.problems());
    assertEquals(1, f.warnings().size());
    assertTrue(
        f.warnings().get(0).contains("metadata.managedFields, metadata.resourceVersion, status"),
        f.warnings().get(0));
  }

  @Test
  void aRouteToAnUndeclaredStreamingDomainIsAProblem() {
    assertOneProblem(
        check(
            switchover(
                cr -> {
                  ((ObjectNode) cr.at("/spec/routes/0/streamingDomain")).put("name", "source");
                  return cr;
                })),
        "route migration-route points at streaming domain \"source\", which the CR does not declare (declared: confluent-cloud)");
  }

  @Test
  void aRouteToAnUnknownBootstrapServerIdIsAProblem() {
    assertOneProblem(
        check(
            switchover(
                cr -> {
                  ((ObjectNode) cr.at("/spec/routes/0/streamingDomain"))
                      .put("bootstrapServerId", "CC2");
                  return cr;
                })),
        "points at bootstrapServerId \"CC2\", which streaming domain \"confluent-cloud\" does not define (defined: CC)");
  }

  @Test
  void fenceRoutesMustExistAndOneFencedAlreadyIsAWarning() {
    GatewayCrRules.Findings missing =
        GatewayCrRules.check(initial(), SWITCHOVER, List.of("nope"), NS, GW);
    assertTrue(
        missing
            .problems()
            .get(0)
            .contains("has no route named \"nope\" for the migration to fence"),
        missing.problems().toString());

    ObjectNode fenced = initial();
    GatewayCrs.route(fenced, "migration-route")
        .set(
            "fence",
            GatewayCrs.fenceBlock(io.cutover.workflow.model.FenceErrorCode.BROKER_NOT_AVAILABLE));
    GatewayCrRules.Findings already = GatewayCrRules.check(fenced, SWITCHOVER, FENCE, NS, GW);
    assertEquals(List.of(), already.problems());
    assertEquals(1, already.warnings().size(), already.warnings().toString());
    assertTrue(
        already.warnings().get(0).contains("already fences route \"migration-route\""),
        already.warnings().get(0));

    // an operator's own fence (kcp's topic-batch shape here) is not taken over
    GatewayCrs.route(fenced, "migration-route")
        .putObject("fence")
        .put("blocked", true)
        .putArray("topics")
        .add("orders");
    assertOneProblem(
        GatewayCrRules.check(fenced, SWITCHOVER, FENCE, NS, GW),
        "with {\"blocked\":true,\"topics\":[\"orders\"]}, which is not a cutover's fence");
  }

  @Test
  void noFenceRoutesIsAProblem() {
    assertOneProblem(
        GatewayCrRules.check(initial(), SWITCHOVER, List.of(), NS, GW),
        "no routes are named to fence");
  }

  @Test
  void aSwitchoverThatStillFencesTheMigrationRouteIsAProblem() {
    assertOneProblem(
        check(
            switchover(
                cr -> {
                  ((ObjectNode) cr.at("/spec/routes/0")).putObject("fence");
                  return cr;
                })),
        "still fences the route(s) the migration fences (migration-route)");
  }

  @Test
  void anUnnamedFencedRouteIsMatchedByEndpoint() {
    assertOneProblem(
        check(
            switchover(
                cr -> {
                  ObjectNode route = (ObjectNode) cr.at("/spec/routes/0");
                  route.remove("name");
                  route.putObject("fence").put("scope", "ALL");
                  return cr;
                })),
        "still fences the route(s) the migration fences (gw.example.com:9595)");
  }

  @Test
  void fencesOnOtherRoutesOrUnidentifiableRoutesOnlyWarn() {
    GatewayCrRules.Findings f =
        check(
            switchover(
                cr -> {
                  var routes = cr.withArray("/spec/routes");
                  routes
                      .addObject()
                      .put("name", "legacy")
                      .put("endpoint", "gw.example.com:9600")
                      .putObject("fence");
                  routes.addObject().putObject("fence").put("scope", "ALL");
                  return cr;
                }));
    assertEquals(List.of(), f.problems());
    assertEquals(2, f.warnings().size(), f.warnings().toString());
    assertTrue(f.warnings().get(0).contains("neither name nor endpoint"));
    assertTrue(
        f.warnings().get(1).contains("fences route(s) the migration does not fence (legacy)"));
  }

  @Test
  void aSwitchoverIdenticalToTheLiveSpecIsAProblem() {
    String same =
        switchover(
            cr -> {
              cr.set("spec", initial().get("spec").deepCopy());
              return cr;
            });
    assertOneProblem(check(same), "the spec is identical to the live gateway's");
  }

  @Test
  void unknownReferenceFieldsWarnWithTheirPath() {
    GatewayCrRules.Findings f =
        check(
            switchover(
                cr -> {
                  ((ObjectNode) cr.at("/spec/routes/0/security")).put("keystoreRef", "ks-secret");
                  return cr;
                }));
    assertEquals(List.of(), f.problems());
    assertEquals(1, f.warnings().size());
    assertTrue(
        f.warnings().get(0).contains("spec.routes[0].security.keystoreRef=ks-secret"),
        f.warnings().get(0));
  }

  @Test
  void everyProblemIsReportedInOneRun() {
    GatewayCrRules.Findings f =
        GatewayCrRules.check(
            initial(),
            switchover(
                cr -> {
                  cr.put("kind", "Other");
                  ((ObjectNode) cr.get("metadata")).put("name", "wrong");
                  ((ObjectNode) cr.at("/spec/routes/0/streamingDomain")).put("name", "nowhere");
                  ((ObjectNode) cr.at("/spec/routes/0")).putObject("fence");
                  return cr;
                }),
            List.of("migration-route", "ghost"),
            NS,
            GW);
    assertEquals(5, f.problems().size(), String.join("\n", f.problems()));
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void aYamlAliasBombEndsAsAParseProblem() {
    StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 12; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        y.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      y.append("]\n");
    }
    GatewayCrRules.Findings f = check(y.toString());
    assertOneProblem(f, "a1[0]: YAML aliases (*name) are not supported here");
    assertTrue(
        f.problems().get(0).contains("(and 107 more)"),
        "the rest are counted, not listed: " + f.problems());
  }

  @Test
  void aliasesAreRefusedBecauseTheReaderWouldTurnThemIntoStrings() {
    String withAlias =
        SWITCHOVER
            .replace("secretRef: plain-jaas", "secretRef: &jaas plain-jaas")
            .replace("secretRef: tls", "secretRef: *jaas");
    assertOneProblem(
        check(withAlias), "tls.secretRef: YAML aliases (*name) are not supported here");
  }

  @Test
  void aFileWithSeveralDocumentsIsAProblem() {
    assertOneProblem(
        check(SWITCHOVER + "\n---\napiVersion: v1\nkind: Secret\n"), "more than one YAML document");
  }

  @Test
  void aKeyWrittenTwiceIsAProblemAsInTheManifest() {
    String twice = SWITCHOVER.replace("  replicas: 2\n", "  replicas: 2\n  replicas: 3\n");
    assertOneProblem(check(twice), "spec.replicas: appears more than once (lines ");
  }
}
