package io.cutover.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.model.CredentialRef;
import io.cutover.workflow.model.DestinationCluster;
import io.cutover.workflow.model.GatewaySpec;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.Policies;
import io.cutover.workflow.model.PolicyCatalog;
import io.cutover.workflow.model.SourceCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * kcp's shapes after a3f82bb (docs/manifest.md, "Shapes"): the spec.route stage and v0.11's
 * spec.staticMigration make the same plan as the a3f82bb shape written for the same cutover, with
 * kcp's later credential names and its topic patterns.
 */
class LaterKcpShapesTest {

  private static final Path FILES = ManifestFixtures.files();

  private static ParsedManifest parse(String name) throws ManifestException {
    return new ManifestParser(ManifestFixtures.env()).parse(ManifestFixtures.valid(name));
  }

  private static SourceCluster source() {
    return new SourceCluster(
        "msk",
        List.of("b-1.msk.example.com:9096"),
        CredentialRef.file(FILES.resolve("source-scram.yaml").toString()));
  }

  /** clusterCredentials and linkCredentials are the Kafka and REST credentials of today's plan. */
  private static DestinationCluster destination() {
    return new DestinationCluster(
        "confluent-cloud",
        "lkc-abc123",
        List.of("pkc-xyz.us-east-1.aws.confluent.cloud:9092"),
        "https://pkc-xyz.us-east-1.aws.confluent.cloud:443",
        CredentialRef.file(FILES.resolve("dest-plain.yaml").toString()),
        CredentialRef.file(FILES.resolve("rest-key.yaml").toString()));
  }

  private static GatewaySpec derivedSwitch() {
    return new GatewaySpec(
        "kafka-gateway",
        "orders-gateway",
        "",
        "",
        "",
        "",
        List.of("migration-route"),
        "confluent-cloud");
  }

  @Test
  void theRouteStageNamesRouteDomainTopicsAndPatternsAndTheLaterCredentialNames() throws Exception {
    ParsedManifest parsed = parse("kcp-route-stage.yaml");
    MigrationPlan expected =
        new MigrationPlan(
            "orders",
            source(),
            destination(),
            "msk-to-cc",
            derivedSwitch(),
            List.of("payments"),
            Policies.defaults()
                .with(PolicyCatalog.LAG_THRESHOLD, 10L)
                .with(PolicyCatalog.PROMOTE_BATCH_SIZE, 100)
                .with(PolicyCatalog.ROLLOUT_TIMEOUT, Duration.ofMinutes(10))
                .with(PolicyCatalog.DETECT_UNROUTED_PRODUCERS_DURATION, Duration.ofSeconds(30))
                .with(PolicyCatalog.CONSUMER_OFFSET_SYNC_DRAIN_DURATION, Duration.ofSeconds(15))
                .with(PolicyCatalog.PAUSE_CONSUMER_OFFSET_SYNC, true),
            List.of("orders\\..*"));
    assertEquals(expected, ManifestPlans.toPlan(parsed));
    assertEquals(GatewaySpec.DEFAULT_CONFIG_PORT, parsed.gateway().configPort(), "0: the default");
    assertEquals(Duration.ofSeconds(90), parsed.gateway().hotReloadTimeout());
  }

  @Test
  void v011StaticMigrationReadsItsRoutePauseAndOwnPoliciesAndMatchAllIsEveryMirror()
      throws Exception {
    ParsedManifest parsed = parse("kcp-static-migration.yaml");
    MigrationPlan plan = ManifestPlans.toPlan(parsed);
    assertEquals(derivedSwitch().withHotReload(9190, Duration.ofSeconds(45)), plan.gateway());
    assertTrue(plan.everyMirror(), "topicPatterns ['.*'] is every mirror topic on the link");
    assertEquals(
        Policies.defaults()
            .with(PolicyCatalog.PROMOTE_BATCH_SIZE, 50)
            .with(PolicyCatalog.DETECT_UNROUTED_PRODUCERS_DURATION, Duration.ofSeconds(20))
            .with(PolicyCatalog.CONSUMER_OFFSET_SYNC_DRAIN_DURATION, Duration.ofSeconds(5))
            .with(PolicyCatalog.PAUSE_CONSUMER_OFFSET_SYNC, true),
        plan.policies());
    assertEquals(destination(), plan.destination());
  }
}
