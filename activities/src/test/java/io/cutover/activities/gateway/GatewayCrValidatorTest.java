package io.cutover.activities.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayCrValidatorTest {
  private static final String SSAR_PATH = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
  private static final List<String> SECRETS =
      List.of("file-store-config", "file-store-credentials", "plain-jaas", "tls");
  private static final String SWITCHOVER = GatewayMock.resource("gateway-switchover.yaml");
  private GatewayMock mock;

  @BeforeAll
  void start() {
    mock = new GatewayMock();
  }

  @AfterAll
  void stop() {
    mock.close();
  }

  @AfterEach
  void clear() {
    mock.server.clearExpectations();
    mock.dryRuns().refuse = body -> false;
  }

  /** Answers every access review: allowed unless {@code deny} matches the request body. */
  private void accessReviews(Predicate<String> deny) {
    mock.server
        .expect()
        .post()
        .withPath(SSAR_PATH)
        .andReply(
            201,
            req -> {
              String body = req.getUtf8Body();
              boolean allowed = !deny.test(body);
              return body.substring(0, body.length() - 1)
                  + ",\"status\":{\"allowed\":"
                  + allowed
                  + "}}";
            })
        .always();
  }

  /** A fresh namespace with the Gateway, every Secret the switchover names, all access allowed. */
  private String consistentSetup() {
    String ns = mock.newNamespace();
    mock.install(ns);
    mock.createSecrets(ns, SECRETS);
    accessReviews(body -> false);
    return ns;
  }

  /** The switchover fixture addressed to the test's namespace. */
  private static String switchoverIn(String ns) {
    return SWITCHOVER.replace("namespace: confluent", "namespace: " + ns);
  }

  private GatewayValidation validate(String ns) {
    return validate(ns, switchoverIn(ns));
  }

  private GatewayValidation validate(String ns, String switchover) {
    return GatewayCrValidator.validate(
        mock.client, ns, GatewayMock.GATEWAY, switchover, List.of("migration-route"));
  }

  @Test
  void aConsistentSetupPassesAndSnapshotsTheLiveCr() {
    String ns = consistentSetup();

    GatewayValidation v = validate(ns);

    assertEquals(List.of(), v.problems());
    assertEquals(List.of(), v.warnings());
    assertTrue(v.passed());
    assertNotNull(v.snapshot());
    assertEquals(List.of("migration-route", "scram-registration-route"), v.snapshot().routes());
    assertEquals(1, v.snapshot().generation());
    assertTrue(v.summary().contains("4 of 4 secret reference(s) present in " + ns), v.summary());
  }

  @Test
  void theFencedAndTheSwitchedCrAreTriedAsDryRunsAndNothingIsWritten() {
    String ns = consistentSetup();
    int before = mock.dryRuns().dryRuns.get();

    GatewayValidation v = validate(ns);

    assertEquals(List.of(), v.problems());
    assertEquals(before + 2, mock.dryRuns().dryRuns.get(), "the fence and the switch were tried");
    var live = GatewayResources.read(mock.client, ns, GatewayMock.GATEWAY);
    assertEquals(1, live.path("metadata").path("generation").asLong(), "nothing was written");
    assertFalse(GatewayCrs.isFenced(GatewayCrs.route(live, "migration-route")));
  }

  @Test
  void aRouteFencedAlreadyIsRecordedUnfencedSoThatAnUnfenceLetsItsClientsIn() {
    String ns = mock.newNamespace();
    var cr = GatewayMock.initialCr(ns);
    GatewayCrs.route(cr, "migration-route")
        .putObject("fence")
        .put("scope", "ALL")
        .put("errorCode", "NOT_LEADER_OR_FOLLOWER");
    mock.install(ns, cr, 2);
    mock.createSecrets(ns, SECRETS);
    accessReviews(body -> false);

    GatewayValidation v = validate(ns);

    assertEquals(List.of(), v.problems());
    assertEquals(1, v.warnings().size(), v.warnings().toString());
    assertTrue(v.warnings().get(0).contains("already fences route \"migration-route\""));
    var recorded = GatewayCrs.unfence(v.snapshot());
    assertFalse(GatewayCrs.isFenced(GatewayCrs.route(recorded, "migration-route")));
    assertTrue(
        GatewayCrs.sameValue(
            GatewayCrs.stripFence(cr, List.of("migration-route")).path("spec"),
            recorded.path("spec")),
        "the fence is the only difference from the live CR");
    var live = GatewayResources.read(mock.client, ns, GatewayMock.GATEWAY);
    assertTrue(GatewayCrs.isFenced(GatewayCrs.route(live, "migration-route")), "nothing written");
  }

  @Test
  void aSwitchTheApiServerRefusesIsFoundAtValidateBeforeAnythingIsFenced() {
    String ns = consistentSetup();
    mock.dryRuns().refuse =
        body ->
            GatewayCrs.route(body, "migration-route")
                .path("streamingDomain")
                .path("name")
                .asText()
                .equals("confluent-cloud");

    GatewayValidation v = validate(ns);

    assertEquals(1, v.problems().size(), v.problems().toString());
    String p = v.problems().get(0);
    assertTrue(
        p.startsWith(
            "the API server refuses the switchover CR (SWITCH) of gateway "
                + ns
                + "/migration-gateway (server-side dry run, nothing written): "),
        p);
    assertTrue(p.contains("denied the request"), "the server's reason: " + p);
    assertTrue(p.endsWith("fix the switchover CR file and run init again"), p);
  }

  @Test
  void aFenceTheApiServerRefusesIsFoundAtValidate() {
    String ns = consistentSetup();
    mock.dryRuns().refuse = body -> GatewayCrs.isFenced(GatewayCrs.route(body, "migration-route"));

    GatewayValidation v = validate(ns);

    assertEquals(1, v.problems().size(), v.problems().toString());
    assertTrue(
        v.problems().get(0).startsWith("the API server refuses the fenced CR (FENCE) of gateway "),
        v.problems().get(0));
  }

  @Test
  void aDerivedSwitchChecksTheSecretsOfTheStagedAuthWithTheSameLookup() {
    String ns = mock.newNamespace();
    mock.install(ns);
    mock.createSecrets(ns, List.of("file-store-config", "file-store-credentials"));
    accessReviews(body -> false);

    GatewayValidation missing =
        GatewayCrValidator.validate(
            mock.client,
            ns,
            GatewayMock.GATEWAY,
            "",
            "confluent-cloud",
            List.of("migration-route"),
            io.cutover.workflow.model.FenceErrorCode.BROKER_NOT_AVAILABLE);
    assertEquals(1, missing.problems().size(), missing.problems().toString());
    assertTrue(
        missing
            .problems()
            .get(0)
            .startsWith(
                "the switch to streaming domain \"confluent-cloud\" (route"
                    + " security.cluster.confluent-cloud, its secret store, the domain's TLS) references 1 secret(s) that do not"
                    + " exist in namespace "
                    + ns
                    + ": plain-jaas"),
        missing.problems().get(0));

    mock.createSecrets(ns, List.of("plain-jaas"));
    GatewayValidation ok =
        GatewayCrValidator.validate(
            mock.client,
            ns,
            GatewayMock.GATEWAY,
            "",
            "confluent-cloud",
            List.of("migration-route"),
            io.cutover.workflow.model.FenceErrorCode.BROKER_NOT_AVAILABLE);
    assertEquals(List.of(), ok.problems());
    assertNotNull(ok.snapshot(), "the snapshot the switch is derived from");
    assertTrue(ok.summary().contains("3 of 3 secret reference(s) present in " + ns), ok.summary());
  }

  @Test
  void missingSecretsAreListedTogetherInOneProblem() {
    String ns = mock.newNamespace();
    mock.install(ns);
    mock.createSecrets(ns, List.of("file-store-config", "file-store-credentials"));
    accessReviews(body -> false);

    GatewayValidation v = validate(ns);

    assertEquals(1, v.problems().size(), v.problems().toString());
    assertTrue(
        v.problems()
            .get(0)
            .contains(
                "references 2 secret(s) that do not exist in namespace "
                    + ns
                    + ": plain-jaas, tls"),
        v.problems().get(0));
  }

  @Test
  void aSecretInAnotherNamespaceDoesNotCount() {
    String ns = mock.newNamespace();
    String other = mock.newNamespace();
    mock.install(ns);
    mock.createSecrets(ns, List.of("file-store-config", "file-store-credentials", "tls"));
    mock.createSecrets(other, List.of("plain-jaas"));
    accessReviews(body -> false);

    GatewayValidation v = validate(ns);

    assertEquals(1, v.problems().size(), v.problems().toString());
    assertTrue(v.problems().get(0).contains(": plain-jaas;"), v.problems().get(0));
  }

  @Test
  void forbiddenSecretReadsAreAWarningNotAProblem() {
    String ns = mock.newNamespace();
    mock.install(ns);
    accessReviews(body -> false);
    mock.server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/" + ns + "/secrets/file-store-config")
        .andReturn(
            403, new StatusBuilder().withCode(403).withMessage("secrets is forbidden").build())
        .always();

    GatewayValidation v = validate(ns);

    assertEquals(List.of(), v.problems());
    assertEquals(1, v.warnings().size(), v.warnings().toString());
    assertTrue(
        v.warnings()
            .get(0)
            .startsWith(
                "secret references were NOT checked: no permission to read secrets in namespace "
                    + ns),
        v.warnings().get(0));
    assertTrue(v.summary().contains("NOT checked"), v.summary());
  }

  @Test
  void anUnexpectedSecretApiErrorIsAProblem() {
    String ns = mock.newNamespace();
    mock.install(ns);
    accessReviews(body -> false);
    mock.server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/" + ns + "/secrets/file-store-config")
        .andReturn(500, new StatusBuilder().withCode(500).withMessage("etcd timeout").build())
        .always();

    GatewayValidation v = validate(ns);

    assertEquals(1, v.problems().size(), v.problems().toString());
    assertTrue(
        v.problems().get(0).contains("failed to check whether secret \"file-store-config\" exists"),
        v.problems().get(0));
  }

  @Test
  void aDeniedAccessReviewIsAProblemNamingVerbAndResource() {
    String ns = mock.newNamespace();
    mock.install(ns);
    mock.createSecrets(ns, SECRETS);
    accessReviews(
        body -> body.contains("\"verb\":\"update\"") && body.contains("\"resource\":\"gateways\""));

    GatewayValidation v = validate(ns);

    assertEquals(1, v.problems().size(), v.problems().toString());
    assertTrue(
        v.problems()
            .get(0)
            .contains("may not update gateways.platform.confluent.io in namespace " + ns),
        v.problems().get(0));
    assertTrue(v.problems().get(0).contains("verbs: [\"update\"]"), v.problems().get(0));
  }

  @Test
  void aDeniedSecretReadPermissionOnlyWarns() {
    String ns = mock.newNamespace();
    mock.install(ns);
    mock.createSecrets(ns, SECRETS);
    accessReviews(body -> body.contains("\"resource\":\"secrets\""));

    GatewayValidation v = validate(ns);

    assertEquals(List.of(), v.problems());
    assertEquals(1, v.warnings().size());
    assertTrue(v.warnings().get(0).contains("may not get secrets"), v.warnings().get(0));
  }

  @Test
  void accessReviewsWithoutAnAnswerWarnInsteadOfBlocking() {
    String ns = mock.newNamespace();
    mock.install(ns);
    mock.createSecrets(ns, SECRETS);
    mock.server
        .expect()
        .post()
        .withPath(SSAR_PATH)
        .andReply(201, req -> req.getUtf8Body())
        .always();

    GatewayValidation v = validate(ns);

    assertEquals(List.of(), v.problems());
    assertEquals(1, v.warnings().size(), v.warnings().toString());
    assertTrue(
        v.warnings()
            .get(0)
            .contains("gave no answer to access reviews for get gateways.platform.confluent.io"),
        v.warnings().get(0));
  }

  @Test
  void anApiServerThatRefusesAccessReviewsLeavesRbacUncheckedWithAWarning() {
    String ns = mock.newNamespace();
    mock.install(ns);
    mock.createSecrets(ns, SECRETS);
    // No expectation: the CRUD mock refuses a review without metadata.name as invalid.

    GatewayValidation v = validate(ns);

    assertEquals(List.of(), v.problems());
    assertEquals(1, v.warnings().size(), v.warnings().toString());
    assertTrue(v.warnings().get(0).startsWith("could not check RBAC"), v.warnings().get(0));
  }

  @Test
  void aMissingGatewayIsAProblemAndTheSwitchoverIsStillChecked() {
    String ns = mock.newNamespace();
    accessReviews(body -> false);
    String badWiring = switchoverIn(ns).replace("bootstrapServerId: CC", "bootstrapServerId: NOPE");

    GatewayValidation v = validate(ns, badWiring);

    assertNull(v.snapshot());
    assertTrue(
        v.problems().stream()
            .anyMatch(p -> p.contains("gateway " + ns + "/migration-gateway does not exist")),
        v.problems().toString());
    assertTrue(
        v.problems().stream().anyMatch(p -> p.contains("bootstrapServerId \"NOPE\"")),
        v.problems().toString());
    assertTrue(
        v.problems().stream().anyMatch(p -> p.contains("do not exist in namespace")),
        v.problems().toString());
  }

  @Test
  void everyKindOfProblemIsReportedInOneRun() {
    String ns = mock.newNamespace();
    mock.install(ns);
    accessReviews(body -> body.contains("\"resource\":\"pods\""));
    String bad =
        switchoverIn(ns)
            .replace("name: migration-gateway", "name: someone-else")
            .replace("bootstrapServerId: CC", "bootstrapServerId: NOPE");

    GatewayValidation v =
        GatewayCrValidator.validate(
            mock.client, ns, GatewayMock.GATEWAY, bad, List.of("migration-route", "ghost-route"));

    String all = String.join("\n", v.problems());
    assertEquals(5, v.problems().size(), all);
    assertTrue(all.contains("is named \"someone-else\""), all);
    assertTrue(all.contains("bootstrapServerId \"NOPE\""), all);
    assertTrue(all.contains("no route named \"ghost-route\""), all);
    assertTrue(all.contains("secret(s) that do not exist"), all);
    assertTrue(all.contains("may not list pods"), all);
  }

  @Test
  void secretValuesNeverReachTheResult() {
    String ns = mock.newNamespace();
    mock.install(ns);
    for (String name : SECRETS) {
      mock.client
          .secrets()
          .inNamespace(ns)
          .resource(
              new io.fabric8.kubernetes.api.model.SecretBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .endMetadata()
                  .addToStringData("password", "pw-" + name + "-s3cr3t")
                  .build())
          .create();
    }
    accessReviews(body -> false);

    GatewayValidation v = validate(ns);

    assertTrue(v.passed(), v.problems().toString());
    assertFalse(v.toString().contains("s3cr3t"));
    assertFalse(
        v.toString()
            .contains(
                java.util.Base64.getEncoder().encodeToString("pw-tls-s3cr3t".getBytes(UTF_8))));
  }
}
