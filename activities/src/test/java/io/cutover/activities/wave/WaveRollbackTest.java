package io.cutover.activities.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.FakeSystems;
import io.cutover.workflow.wave.GroupPhase;
import io.cutover.workflow.wave.GroupRollback;
import io.cutover.workflow.wave.WavePlan;
import io.cutover.workflow.wave.WaveRollbackReport;
import io.cutover.workflow.wave.WaveStatus;
import io.cutover.workflow.wave.WaveStep;
import io.cutover.workflow.wave.WaveWorkflow;
import io.temporal.client.WorkflowUpdateException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A wave's rollback rolls back the running groups that still can, says which cannot (past their
 * point of no return) and what they do instead, and starts no more groups.
 */
class WaveRollbackTest extends WaveScenario {

  @Test
  void rollsBackWhatCanStillGoBackAndReportsTheGroupPastItsPointOfNoReturn() {
    WaveWorkflow wf =
        start(wave(2, WavePlan.FailurePolicy.CONTINUE, group("a"), group("b"), group("c")));
    fakes.of("a").blocking.add("switchRoutes"); // promoted: past its point of no return
    fakes.of("b").blocking.add("awaitLagBelow"); // still waiting for lag: nothing changed yet
    wf.execute(alice());
    awaitGroup("a", CutoverStep.SWITCH);
    awaitGroup("b", CutoverStep.WAIT_FOR_LAG);

    WaveRollbackReport report = wf.rollback(alice());

    GroupRollback a = answer(report, "a");
    GroupRollback b = answer(report, "b");
    assertFalse(a.rolledBack());
    assertTrue(a.message().contains("promote was accepted"), a.message());
    assertTrue(
        a.message().contains("goes on to SWITCH"), "says what it does instead: " + a.message());
    assertTrue(b.rolledBack(), b.message());
    assertEquals(List.of("c"), report.notStarted());
    assertTrue(report.summary().contains("cannot roll back"), report.summary());

    fakes.of("a").blocking.remove("switchRoutes");
    WaveStatus rested =
        awaitWave(wf, s -> s.step() == WaveStep.AWAIT_EXECUTE && s.attempt() == 1, "the rest");
    assertEquals(
        List.of(GroupPhase.DONE, GroupPhase.ROLLED_BACK, GroupPhase.READY), phases(rested));
    assertEquals(FakeSystems.GatewayState.SWITCHED, fakes.of("a").gateway, "a went forward");
    assertEquals(FakeSystems.GatewayState.INITIAL, fakes.of("b").gateway, "b stayed on the source");
    assertEquals(-1, fakes.first("c", "awaitLagBelow"), "c never started");
    assertTrue(rested.lastError().contains("rolled back"), rested.lastError());
  }

  @Test
  void aRestingWaveRefusesRollbackAndSaysWhy() {
    WaveWorkflow wf = start(wave(1, WavePlan.FailurePolicy.STOP, group("a")));
    WorkflowUpdateException e =
        assertThrows(WorkflowUpdateException.class, () -> wf.rollback(alice()));
    assertTrue(
        e.getCause().getMessage().contains("nothing to roll back: the wave is at AWAIT_EXECUTE"),
        e.getCause().getMessage());
  }

  @Test
  void aCredentialInAnUpdatesReasonIsRefusedAndNeverReachesTheHistory() {
    WaveWorkflow wf = start(wave(1, WavePlan.FailurePolicy.STOP, group("a")));
    String secret = "s3cr3t-wave-sentinel";
    for (Runnable send :
        List.<Runnable>of(
            () ->
                wf.execute(
                    io.cutover.workflow.model.Actor.of("alice", "https://u:" + secret + "@wiki/x")),
            () ->
                wf.rollback(
                    io.cutover.workflow.model.Actor.of(
                        "alice", "https://u:" + secret + "@wiki/x")))) {
      WorkflowUpdateException e = assertThrows(WorkflowUpdateException.class, send::run);
      assertTrue(e.getCause().getMessage().contains("reason: holds"), e.getCause().getMessage());
      assertFalse(e.getCause().getMessage().contains(secret));
    }
    assertFalse(
        client.fetchHistory("wave-w").toJson(false).contains(secret), "nothing was recorded");
  }

  private static GroupRollback answer(WaveRollbackReport r, String group) {
    return r.answered().stream()
        .filter(g -> g.name().equals(group))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no answer from " + group + ": " + r));
  }
}
