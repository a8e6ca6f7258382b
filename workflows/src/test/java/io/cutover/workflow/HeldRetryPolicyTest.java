package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.PolicyCatalog;
import io.cutover.workflow.model.PolicyOverrides;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An attempt's policies are frozen when it starts: a retry of a held step may change only what
 * bounds a wait or sizes a batch, and what the attempt did is undone from its decisions (review
 * M4).
 */
class HeldRetryPolicyTest extends CutoverScenario {

  private static PolicyOverrides pause(boolean on) {
    return PolicyOverrides.none().with(PolicyCatalog.PAUSE_CONSUMER_OFFSET_SYNC, on);
  }

  private static PolicyOverrides code(FenceErrorCode c) {
    return PolicyOverrides.none().with(PolicyCatalog.FENCE_ERROR_CODE, c);
  }

  private static PolicyOverrides rollout(Duration d) {
    return PolicyOverrides.none().with(PolicyCatalog.ROLLOUT_TIMEOUT, d);
  }

  private MigrationWorkflow heldAtSwitchWithOffsetSyncPaused() {
    var policies = Plans.policies(p -> p.with(b -> b.pause = true));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("orders", topics(), policies));
    fake.failures.put("switchRoutes", 1);
    execute(wf);
    awaitStatus(wf, MigrationStatus::held, "held at SWITCH");
    assertFalse(fake.offsetSyncEnabled, "the attempt paused offset sync");
    return wf;
  }

  @Test
  void aRetryThatWouldTurnOffTheOffsetSyncPauseIsRefusedWithTheReason() {
    MigrationWorkflow wf = heldAtSwitchWithOffsetSyncPaused();

    WorkflowUpdateException refused =
        assertThrows(WorkflowUpdateException.class, () -> execute(wf, pause(false)));

    String why = refused.getCause().getMessage();
    assertTrue(why.contains("pauseConsumerOffsetSync"), why);
    assertTrue(
        why.contains("a retry may change only promoteBatchSize, rolloutTimeout, maxPromoteLagWait"),
        why);
    assertTrue(wf.status().held(), "nothing changed");
  }

  @Test
  void aRetryThatWouldChangeTheFenceErrorCodeIsRefused() {
    MigrationWorkflow wf = heldAtSwitchWithOffsetSyncPaused();

    WorkflowUpdateException refused =
        assertThrows(
            WorkflowUpdateException.class,
            () -> execute(wf, code(FenceErrorCode.NOT_LEADER_OR_FOLLOWER)));

    assertTrue(
        refused.getCause().getMessage().contains("fenceErrorCode"),
        refused.getCause().getMessage());
  }

  @Test
  void anOverrideEqualToTheValueInForceIsNoChangeAndIsAccepted() {
    MigrationWorkflow wf = heldAtSwitchWithOffsetSyncPaused();

    execute(wf, pause(true));

    result(wf);
    assertTrue(fake.offsetSyncEnabled);
  }

  @Test
  void aSafeRetryOverrideAppliesOnTopOfTheAttemptsPoliciesAndTheRestoreStillRuns() {
    MigrationWorkflow wf = heldAtSwitchWithOffsetSyncPaused();

    execute(wf, rollout(Duration.ofMinutes(30)));

    result(wf);
    assertEquals(
        1, fake.count("restoreOffsetSync"), "RESTORE_OFFSET_SYNC follows what the attempt did");
    assertTrue(fake.offsetSyncEnabled);
    assertEquals(Duration.ofMinutes(30), wf.status().policies().rolloutTimeout());
    assertTrue(
        wf.status().policies().pauseConsumerOffsetSync(), "the attempt's own overrides are kept");
  }

  @Test
  void theAttemptsOwnOverridesSurviveASafeRetry() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics())); // manifest: pause off
    fake.failures.put("switchRoutes", 1);
    execute(wf, pause(true));
    awaitStatus(wf, MigrationStatus::held, "held");

    execute(wf, rollout(Duration.ofMinutes(20)));

    result(wf);
    assertEquals(
        1,
        fake.count("restoreOffsetSync"),
        "the pause came from this attempt's override, not the manifest");
    assertTrue(fake.offsetSyncEnabled);
  }
}
