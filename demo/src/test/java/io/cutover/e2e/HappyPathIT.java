package io.cutover.e2e;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.sandbox.link.MirrorState;
import io.cutover.sandbox.workload.WorkloadReport;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.PolicyOverrides;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A whole cutover with live clients: nothing acknowledged is lost, nothing duplicated. */
class HappyPathIT extends E2EScenario {

  @Override
  io.cutover.sandbox.Sandbox.Options options(Path dir) {
    return super.options(dir)
        .withPausedOffsetSync()
        .withPolicy("detectUnroutedProducersDuration", "10s")
        .withPolicy("consumerOffsetSyncDrainDuration", "3s");
  }

  @Test
  void cutoverMovesLiveClientsToTheDestinationWithZeroLoss() throws Exception {
    init();
    MigrationStatus end = executeAndWait(PolicyOverrides.none());
    assertEquals(CutoverStep.DONE, end.step(), end.lastError());
    awaitAcked(100); // clients keep working, now on the destination

    var sandbox = rehearsal.sandbox();
    assertEquals(
        sandbox.kafka().destinationClusterId(),
        clusterIdThroughGateway(),
        "the gateway routes to the destination");
    for (String t : sandbox.topics()) {
      assertEquals(MirrorState.STOPPED, sandbox.link().mirrorState(t), t);
    }
    assertEquals(
        "true",
        sandbox.link().configs().get("consumer.offset.sync.enable"),
        "offset sync restored");
    assertFalse(sandbox.gateway().fenced());

    WorkloadReport r = finish(sandbox.kafka().destinationBootstrap());
    assertEquals(0, r.lost(), "acknowledged records lost");
    assertEquals(0, r.duplicated(), "records duplicated in the log");
    assertEquals(0, r.failed(), "NOT_LEADER_OR_FOLLOWER keeps every send");
    assertTrue(r.acked() > 500, "traffic flowed: " + r);
    assertTrue(end.offsetHandoff().allMatched(), end.offsetHandoff().describe());
    assertEquals(
        0,
        workload.redeliveries(sandbox.kafka().sourceBootstrap()).byHandoff(),
        "re-deliveries caused by the offset handoff");
  }
}
