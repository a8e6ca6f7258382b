package io.cutover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cutover.sandbox.Sandbox;
import io.cutover.sandbox.link.MirrorState;
import io.cutover.sandbox.workload.WorkloadReport;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.PolicyOverrides;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A whole cutover with live clients and no switchover file, from a manifest in kcp v0.11's shape
 * (spec.staticMigration, the topics as a topicPatterns entry): SWITCH binds the route of the live
 * CR's snapshot to the target streaming domain (docs/manifest.md, "The derived switch"). Nothing
 * acknowledged is lost, nothing duplicated.
 */
class DerivedSwitchIT extends E2EScenario {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Override
  Sandbox.Options options(Path dir) {
    return super.options(dir)
        .withStaticMigration()
        .withPolicy("detectUnroutedProducersDuration", "10s");
  }

  @Test
  void aDerivedSwitchMovesLiveClientsToTheDestinationWithZeroLoss() throws Exception {
    var sandbox = rehearsal.sandbox();
    Path dir = sandbox.manifest().getParent();
    assertFalse(
        Files.exists(dir.resolve("switchover.yaml")), "no switchover file is written or read");
    String manifest = Files.readString(sandbox.manifest());
    assertTrue(manifest.contains("staticMigration:"), manifest);
    assertTrue(manifest.contains("targetStreamingDomain: confluent-cloud"), manifest);
    assertTrue(manifest.contains("- topicPatterns: ['orders-[0-9]+']"), manifest);
    JsonNode before = YAML.readTree(sandbox.kube().liveCrYaml());

    init();
    MigrationStatus end = executeAndWait(PolicyOverrides.none());
    assertEquals(CutoverStep.DONE, end.step(), end.lastError());
    awaitAcked(100); // clients keep working, now on the destination

    assertEquals(
        sandbox.kafka().destinationClusterId(),
        clusterIdThroughGateway(),
        "the gateway routes to the destination");
    for (String t : sandbox.topics()) {
      assertEquals(MirrorState.STOPPED, sandbox.link().mirrorState(t), t);
    }
    assertFalse(sandbox.gateway().fenced());
    // The live spec is the initial one with the route bound to the destination, and nothing else
    // changed.
    JsonNode after = YAML.readTree(sandbox.kube().liveCrYaml());
    assertEquals("source", before.at("/spec/routes/0/streamingDomain/name").asText());
    ObjectNode expected = before.get("spec").deepCopy();
    ((ObjectNode) expected.at("/routes/0/streamingDomain"))
        .put("name", "confluent-cloud")
        .put("bootstrapServerId", "CC");
    assertEquals(expected, after.get("spec"));
    assertEquals(
        0, sandbox.kube().operator().rejectedCount(), "the operator accepted every generation");

    WorkloadReport r = finish(sandbox.kafka().destinationBootstrap());
    assertEquals(0, r.lost(), "acknowledged records lost");
    assertEquals(0, r.duplicated(), "records duplicated in the log");
    assertEquals(0, r.failed(), "NOT_LEADER_OR_FOLLOWER keeps every send");
    assertTrue(r.acked() > 500, "traffic flowed: " + r);
  }
}
