package io.cutover.e2e;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.sandbox.workload.WorkloadReport;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.PolicyOverrides;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * First, a switch an admission webhook denies is found by VALIDATE's dry run; nothing is fenced.
 * Attempt 1: lag that never drains after the fence; maxFencedDuration unfences automatically.
 * Attempt 2: a Secret the switchover CR needs is deleted after validation; the operator rejects the
 * CR, the run holds past the point of no return and says why; once the Secret is back, execute
 * retries the switch.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorAndBudgetIT extends E2EScenario {

  @Override
  io.cutover.sandbox.Sandbox.Options options(Path dir) {
    return super.options(dir)
        .withPolicy("maxFencedDuration", "20s")
        .withPolicy("lagThreshold", "100000");
  }

  @Test
  @Order(0)
  void aSwitchTheApiServerWouldRefuseStopsTheAttemptAtValidateWithNothingFenced() {
    var sandbox = rehearsal.sandbox();
    init();
    long generation = sandbox.kube().operator().handledGeneration();
    sandbox
        .kube()
        .admission()
        .refuse(
            cr ->
                cr.path("spec")
                    .path("routes")
                    .path(0)
                    .path("streamingDomain")
                    .path("name")
                    .asText()
                    .equals(io.cutover.sandbox.kube.KubeSandbox.DESTINATION_DOMAIN),
            "routes to the destination need change CHG-1");
    try {
      MigrationStatus refused = executeAndWait(PolicyOverrides.none());
      assertEquals(CutoverStep.AWAIT_EXECUTE, refused.step(), refused.lastError());
      assertTrue(
          refused.lastError().contains("(server-side dry run, nothing written)")
              && refused.lastError().contains("need change CHG-1"),
          refused.lastError());
      assertFalse(sandbox.gateway().fenced(), "never fenced");
      assertEquals(generation, sandbox.kube().operator().handledGeneration(), "nothing written");
    } finally {
      sandbox.kube().admission().refuse(cr -> false, "");
    }
  }

  @Test
  @Order(1)
  void lagThatNeverDrainsIsUnfencedByTheFenceBudget() throws Exception {
    var sandbox = rehearsal.sandbox(); // initialised by the first test
    String stalled = sandbox.topics().get(2);
    sandbox.link().faults().stallCopying(stalled); // lag grows and stays: PROMOTE never sees zero
    MigrationStatus rolledBack = executeAndWait(PolicyOverrides.none());
    assertEquals(CutoverStep.ROLLED_BACK, rolledBack.step(), rolledBack.lastError());
    assertTrue(
        rolledBack.rollbacks().get(0).cause().contains("maxFencedDuration (20s)"),
        rolledBack.rollbacks().toString());
    assertFalse(rolledBack.pointOfNoReturnPassed());
    assertFalse(sandbox.gateway().fenced());
    assertEquals(sandbox.kafka().sourceClusterId(), clusterIdThroughGateway());
    sandbox.link().faults().resumeCopying(stalled);
    awaitAcked(100);
  }

  @Test
  @Order(2)
  void aRejectedSwitchoverHoldsWithTheOperatorsMessageAndExecuteRetriesIt() throws Exception {
    var sandbox = rehearsal.sandbox();
    String last = sandbox.topics().get(sandbox.topics().size() - 1);
    sandbox
        .link()
        .faults()
        .holdPendingStopped(last); // keeps the run in PROMOTE while the fault is armed
    rehearsal.execute(PolicyOverrides.none());
    awaitStatus(
        s -> s.step() == CutoverStep.PROMOTE && s.pointOfNoReturnPassed(), Duration.ofMinutes(3));
    // Someone deletes a Secret the switchover CR needs, after VALIDATE checked it.
    var jaas = sandbox.kube().client().secrets().withName("plain-jaas").get();
    sandbox.kube().client().secrets().withName("plain-jaas").delete();
    sandbox.link().faults().releasePendingStopped(last);
    MigrationStatus held = awaitStatus(MigrationStatus::held, Duration.ofMinutes(4));
    assertEquals(CutoverStep.SWITCH, held.step());
    assertTrue(held.lastError().contains("secretRef plain-jaas not found"), held.lastError());
    assertTrue(held.nextAction().contains("cutover execute"), held.nextAction());
    assertTrue(sandbox.gateway().fenced(), "clients stay fenced; never sent back to the source");

    jaas.getMetadata().setResourceVersion(null);
    jaas.getMetadata().setUid(null);
    sandbox.kube().client().secrets().resource(jaas).create(); // the fix

    MigrationStatus done = executeAndWait(PolicyOverrides.none());
    assertEquals(CutoverStep.DONE, done.step(), done.lastError());
    assertEquals(sandbox.kafka().destinationClusterId(), clusterIdThroughGateway());
    WorkloadReport r = finish(sandbox.kafka().destinationBootstrap());
    assertEquals(0, r.lost());
    assertEquals(0, r.duplicated());
  }
}
