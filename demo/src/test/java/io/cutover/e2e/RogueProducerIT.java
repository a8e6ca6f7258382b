package io.cutover.e2e;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.sandbox.workload.RogueProducer;
import io.cutover.sandbox.workload.WorkloadReport;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.PolicyOverrides;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A producer writing straight to the source: detected, rolled back, and resumed once it stops. */
class RogueProducerIT extends E2EScenario {

  @Override
  io.cutover.sandbox.Sandbox.Options options(Path dir) {
    return super.options(dir).withPolicy("detectUnroutedProducersDuration", "10s");
  }

  @Test
  void rogueProducerIsDetectedRolledBackAndTheCutoverCompletesAfterItStops() throws Exception {
    init();
    String topic = rehearsal.sandbox().topics().get(0);
    RogueProducer rogue = RogueProducer.start(rehearsal.sandbox().kafka().sourceBootstrap(), topic);

    MigrationStatus rolledBack = executeAndWait(PolicyOverrides.none());
    assertEquals(CutoverStep.ROLLED_BACK, rolledBack.step(), rolledBack.lastError());
    String cause = rolledBack.rollbacks().get(0).cause();
    assertTrue(cause.startsWith("unrouted producers detected: topic " + topic), cause);
    assertFalse(rehearsal.sandbox().gateway().fenced(), "traffic restored");
    assertEquals(rehearsal.sandbox().kafka().sourceClusterId(), clusterIdThroughGateway());
    awaitAcked(100); // clients work again, on the source

    assertTrue(rogue.sent() > 0, "the rogue producer wrote to the source");
    rogue.close();
    // The rogue's records are still being mirrored; the next attempt waits for the lag again.
    MigrationStatus done = executeAndWait(PolicyOverrides.none());
    assertEquals(CutoverStep.DONE, done.step(), done.lastError());
    assertEquals(2, done.attempt());

    WorkloadReport r = finish(rehearsal.sandbox().kafka().destinationBootstrap());
    assertEquals(0, r.lost());
    assertEquals(0, r.duplicated());
  }
}
