package io.cutover.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cutover.workflow.model.ApprovalTimeoutAction;
import io.cutover.workflow.model.CredentialRef;
import io.cutover.workflow.model.DestinationCluster;
import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.GatewaySpec;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.Policies;
import io.cutover.workflow.model.PolicyCatalog;
import io.cutover.workflow.model.SourceCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest under manifests/valid/ parses into exactly the plan it describes, holding no
 * secret.
 */
class ValidManifestsTest {

  private static final Path FILES = ManifestFixtures.files();
  private static final String SWITCHOVER =
      ManifestFixtures.read(FILES.resolve("switchover-gateway.yaml"));
  private static final String SWITCHOVER_SOURCE =
      FILES.resolve("switchover-gateway.yaml").toString();

  static List<Path> validManifests() {
    return ManifestFixtures.yamlFiles("valid");
  }

  private static MigrationPlan plan(String name) throws ManifestException {
    return ManifestPlans.toPlan(
        new ManifestParser(ManifestFixtures.env()).parse(ManifestFixtures.valid(name)));
  }

  private static String inline(String manifest, String path) {
    return ManifestFixtures.valid(manifest) + "#" + path;
  }

  @Test
  void kcpManifestWithCredentialFilesYieldsPlanWithFileRefsAndKcpPolicies() throws Exception {
    Path dir = ManifestFixtures.valid("x").getParent();
    MigrationPlan expected =
        new MigrationPlan(
            "orders-files",
            new SourceCluster(
                "msk",
                List.of("b-1.msk.example.com:9096", "b-2.msk.example.com:9096"),
                CredentialRef.file(FILES.resolve("source-scram.yaml").toString())),
            new DestinationCluster(
                "confluent-cloud",
                "lkc-abc123",
                List.of("pkc-xyz.us-east-1.aws.confluent.cloud:9092"),
                "https://pkc-xyz.us-east-1.aws.confluent.cloud:443",
                CredentialRef.file(FILES.resolve("dest-plain.yaml").toString()),
                CredentialRef.file(FILES.resolve("rest-key.yaml").toString())),
            "msk-to-cc",
            new GatewaySpec(
                "kafka-gateway",
                "orders-gateway",
                dir.resolve("kube/config").toString(),
                "",
                SWITCHOVER,
                SWITCHOVER_SOURCE,
                List.of("migration-route", "scram-registration-route"),
                ""),
            List.of("orders", "payments"),
            Policies.defaults()
                .with(PolicyCatalog.LAG_THRESHOLD, 100L)
                .with(PolicyCatalog.PROMOTE_BATCH_SIZE, 5)
                .with(PolicyCatalog.ROLLOUT_TIMEOUT, Duration.ofMinutes(15))
                .with(PolicyCatalog.DETECT_UNROUTED_PRODUCERS_DURATION, Duration.ofSeconds(90))
                .with(PolicyCatalog.CONSUMER_OFFSET_SYNC_DRAIN_DURATION, Duration.ofSeconds(30))
                .with(PolicyCatalog.PAUSE_CONSUMER_OFFSET_SYNC, true));
    assertEquals(expected, plan("kcp-file-creds.yaml"));
  }

  @Test
  void kcpManifestWithInlineCredentialsYieldsManifestInlineRefsAndEveryTopic() throws Exception {
    MigrationPlan expected =
        new MigrationPlan(
            "orders-inline",
            new SourceCluster(
                "apache-kafka",
                List.of("10.0.0.1:9092", "[fd00::1]:9093"),
                new CredentialRef(
                    CredentialRef.Kind.MANIFEST_INLINE,
                    inline("kcp-inline-creds.yaml", "spec.source.credentials"))),
            new DestinationCluster(
                "confluent-platform",
                "cp-cluster-1",
                List.of("cp-broker.example.com:9092"),
                "http://cp-rest.example.com:8090",
                new CredentialRef(
                    CredentialRef.Kind.MANIFEST_INLINE,
                    inline("kcp-inline-creds.yaml", "spec.target.kafka.credentials")),
                new CredentialRef(
                    CredentialRef.Kind.MANIFEST_INLINE,
                    inline("kcp-inline-creds.yaml", "spec.target.kafka.restCredentials"))),
            "cp-link",
            new GatewaySpec(
                "gw",
                "legacy-gateway",
                "",
                "",
                SWITCHOVER,
                SWITCHOVER_SOURCE,
                List.of("migration-route"),
                ""),
            List.of(),
            Policies.defaults());
    assertEquals(expected, plan("kcp-inline-creds.yaml"));
  }

  @Test
  void minimalKcpManifestDerivesRestCredentialsAndKeepsDefaultRolloutTimeoutWithAWarning()
      throws Exception {
    ParsedManifest parsed =
        new ManifestParser(ManifestFixtures.env())
            .parse(ManifestFixtures.valid("kcp-minimal.yaml"));
    MigrationPlan plan = ManifestPlans.toPlan(parsed);
    CredentialRef dest = CredentialRef.file(FILES.resolve("dest-plain.yaml").toString());
    assertEquals(dest, plan.destination().kafkaCredentials());
    assertEquals(
        dest,
        plan.destination().restCredentials(),
        "REST credentials are derived from the Kafka ones");
    assertEquals(
        new CredentialRef(
            CredentialRef.Kind.MANIFEST_INLINE,
            inline("kcp-minimal.yaml", "spec.source.credentials")),
        plan.source().credentials());
    assertEquals(List.of(), plan.topics());
    assertEquals(Policies.defaults(), plan.policies());
    assertTrue(
        parsed.warnings().stream()
            .anyMatch(w -> w.startsWith("spec.defaultPolicies.rolloutTimeout: 0 means")),
        parsed.warnings().toString());
  }

  @Test
  void cutoverManifestCarriesEveryExtraPolicyKubeContextAndEnvAndSecretRefs() throws Exception {
    ParsedManifest parsed =
        new ManifestParser(ManifestFixtures.env())
            .parse(ManifestFixtures.valid("cutover-all-policies.yaml"));
    MigrationPlan expected =
        new MigrationPlan(
            "payments",
            new SourceCluster(
                "confluent-platform",
                List.of("cp-1.internal:9093"),
                CredentialRef.env("CUTOVER_SOURCE_CREDENTIALS")),
            new DestinationCluster(
                "confluent-cloud",
                "lkc-pay999",
                List.of("pkc-pay.eu-west-1.aws.confluent.cloud:9092"),
                "https://pkc-pay.eu-west-1.aws.confluent.cloud:443",
                new CredentialRef(
                    CredentialRef.Kind.KUBERNETES_SECRET, "migration/payments-destination"),
                new CredentialRef(CredentialRef.Kind.KUBERNETES_SECRET, "migration/payments-rest")),
            "cp-to-cc",
            new GatewaySpec(
                "payments-gw",
                "payments-gateway",
                "/etc/cutover/kubeconfig",
                "prod-eu",
                SWITCHOVER,
                SWITCHOVER_SOURCE,
                List.of("payments-route"),
                ""),
            List.of("payments.v1", "payments.v2"),
            Policies.defaults()
                .with(PolicyCatalog.ROLLOUT_TIMEOUT, Duration.ofMinutes(5))
                .with(PolicyCatalog.REQUIRE_APPROVAL, true)
                .with(PolicyCatalog.APPROVAL_TIMEOUT, Duration.ofHours(2))
                .with(PolicyCatalog.APPROVAL_TIMEOUT_ACTION, ApprovalTimeoutAction.KEEP_WAITING)
                .with(PolicyCatalog.MAX_FENCED_DURATION, Duration.ofSeconds(270))
                .with(PolicyCatalog.FENCE_ERROR_CODE, FenceErrorCode.NOT_LEADER_OR_FOLLOWER));
    assertEquals(expected, ManifestPlans.toPlan(parsed));
    assertEquals(ManifestParser.CUTOVER_API_VERSION, parsed.apiVersion());
    assertTrue(
        parsed.warnings().stream()
            .anyMatch(w -> w.contains("\"payments.v1\" is listed more than once")),
        parsed.warnings().toString());
  }

  @Test
  void aDerivedSwitchCarriesTheTargetStreamingDomainAndNoSwitchoverCr() throws Exception {
    ParsedManifest parsed =
        new ManifestParser(ManifestFixtures.env())
            .parse(ManifestFixtures.valid("cutover-derived-switch.yaml"));
    assertEquals(
        new GatewaySpec(
            "payments-gw",
            "payments-gateway",
            "/etc/cutover/kubeconfig",
            "prod-eu",
            "",
            "",
            List.of("payments-route"),
            "confluent-cloud"),
        ManifestPlans.toPlan(parsed).gateway());
  }

  @Test
  void kcpsTopicGroupNamesTheRouteTheTargetDomainAndTheTopicsOfADerivedSwitch() throws Exception {
    MigrationPlan plan =
        ManifestPlans.toPlan(
            new ManifestParser(ManifestFixtures.env())
                .parse(ManifestFixtures.valid("kcp-topic-group.yaml")));
    assertEquals(
        new GatewaySpec(
            "kafka-gateway",
            "orders-gateway",
            "",
            "",
            "",
            "",
            List.of("migration-route"),
            "confluent-cloud"),
        plan.gateway());
    assertEquals(List.of("orders", "orders-dlq"), plan.topics());
    MigrationPlan all =
        ManifestPlans.toPlan(
            new ManifestParser(ManifestFixtures.env())
                .parse(ManifestFixtures.valid("kcp-topic-group-all.yaml")));
    assertEquals(List.of(), all.topics(), "topicPatterns ['.*'] is every mirror topic on the link");
    assertEquals("confluent-cloud", all.gateway().targetStreamingDomain());
  }

  @Test
  void interpolatedManifestExpandsVariablesAndKeepsEscapedDollarBraceLiteral() throws Exception {
    ParsedManifest parsed =
        new ManifestParser(ManifestFixtures.env())
            .parse(ManifestFixtures.valid("interpolated.yaml"));
    MigrationPlan plan = ManifestPlans.toPlan(parsed);
    assertTrue(parsed.interpolate());
    assertEquals("orders-interp", plan.name());
    assertEquals(List.of("b-9.msk.example.com:9096"), plan.source().bootstrapServers());
    assertEquals("lkc-int001", plan.destination().clusterId());
    assertEquals("link-lkc-int001", plan.linkName());
    assertEquals("gw-orders-interp", plan.gateway().name());
    assertEquals("ctx-${not-expanded}", plan.gateway().kubeContext());
    assertEquals(
        SWITCHOVER_SOURCE, plan.gateway().switchoverCrSource(), "absolute path from ${FILES_DIR}");
    assertEquals(
        new CredentialRef(
            CredentialRef.Kind.MANIFEST_INLINE,
            inline("interpolated.yaml", "spec.source.credentials")),
        plan.source().credentials());
  }

  @Test
  void mtlsInlineSourceIsAcceptedAtParseTimeWithoutReadingTheKeyFiles() throws Exception {
    MigrationPlan plan = plan("kcp-mtls-inline.yaml");
    assertEquals(CredentialRef.Kind.MANIFEST_INLINE, plan.source().credentials().kind());
    assertEquals(List.of("audit"), plan.topics());
    assertEquals("https://pkc-m.us-west-2.aws.confluent.cloud", plan.destination().restEndpoint());
  }

  @Test
  void destinationsBeyondSaslPlainCarryTheirKafkaAndRestReferences() throws Exception {
    DestinationCluster scram = plan("kcp-destination-scram.yaml").destination();
    assertEquals(
        CredentialRef.file(FILES.resolve("dest-scram.yaml").toString()), scram.kafkaCredentials());
    assertEquals(
        CredentialRef.file(FILES.resolve("rest-basic.yaml").toString()), scram.restCredentials());

    DestinationCluster mtls = plan("kcp-destination-mtls.yaml").destination();
    assertEquals(
        new CredentialRef(
            CredentialRef.Kind.MANIFEST_INLINE,
            inline("kcp-destination-mtls.yaml", "spec.target.kafka.credentials")),
        mtls.kafkaCredentials());
    assertEquals(
        CredentialRef.file(FILES.resolve("rest-mtls.yaml").toString()), mtls.restCredentials());

    DestinationCluster tls = plan("kcp-destination-unauthenticated-tls.yaml").destination();
    assertEquals(
        new CredentialRef(
            CredentialRef.Kind.MANIFEST_INLINE,
            inline(
                "kcp-destination-unauthenticated-tls.yaml", "spec.target.kafka.restCredentials")),
        tls.restCredentials(),
        "an inline bearer block");

    DestinationCluster plaintext = plan("kcp-destination-plaintext.yaml").destination();
    assertEquals(
        CredentialRef.file(FILES.resolve("rest-bearer.yaml").toString()),
        plaintext.restCredentials());
  }

  @Test
  void saslPlainWithACustomCaIsAcceptedForTheDestinationAndStillDerivesTheRestKey()
      throws Exception {
    DestinationCluster dest = plan("kcp-destination-plain-ca.yaml").destination();
    CredentialRef kafka =
        new CredentialRef(
            CredentialRef.Kind.MANIFEST_INLINE,
            inline("kcp-destination-plain-ca.yaml", "spec.target.kafka.credentials"));
    assertEquals(kafka, dest.kafkaCredentials());
    assertEquals(kafka, dest.restCredentials());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validManifests")
  void serializedPlanContainsNoSecretFromAnyFixture(Path manifest) throws Exception {
    MigrationPlan plan =
        ManifestPlans.toPlan(new ManifestParser(ManifestFixtures.env()).parse(manifest));
    String json = new ObjectMapper().registerModule(new JavaTimeModule()).writeValueAsString(plan);
    List<Path> sources = new ArrayList<>(List.of(manifest));
    try (var files = Files.list(FILES)) {
      files.filter(f -> f.toString().endsWith(".yaml")).forEach(sources::add);
    }
    List<String> secrets = new ArrayList<>(ManifestFixtures.secretsIn(sources));
    secrets.addAll(ManifestFixtures.envSecrets());
    assertTrue(secrets.size() >= 5, "the fixtures hold secrets to look for: " + secrets);
    for (String secret : secrets) {
      assertFalse(
          json.contains(secret), () -> "plan JSON holds a secret from the fixtures: " + secret);
    }
    assertTrue(json.contains(plan.name()), "the JSON is the plan");
  }
}
