package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.activity.GatewayActivities.FenceRequest;
import io.cutover.workflow.activity.GatewayActivities.SwitchRequest;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.RunReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SWITCH checks the fence inside {@code SwitchRoutes}, right before its write, instead of in an
 * {@code AssertFenced} one workflow task earlier; only its first call checks it.
 */
class SwitchFenceCheckTest extends CutoverScenario {

  @Test
  void theFirstSwitchCarriesTheFenceToCheckAndNoSeparateCheckPrecedesIt() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    execute(wf);
    result(wf);

    List<String> calls = fake.callNames();
    int sw = calls.indexOf("switchRoutes");
    assertEquals(
        List.of("findStrandedWrites", "handOffConsumerOffsets"),
        calls.subList(sw - 2, sw).stream().sorted().toList(),
        "the end-of-PROMOTE checks, then the switch: " + calls);
    assertEquals(1, fake.switchRequests.size());
    FenceRequest fence = fake.switchRequests.get(0).fenceFirst();
    assertNotNull(fence, "the switch checks the fence it writes over");
    assertEquals(List.of("migration-route"), fence.routes());
    assertEquals(fake.fenceCode, fence.errorCode(), "the fence FENCE applied");
  }

  @Test
  void aFenceThatDriftedBeforeTheSwitchIsNotedAsReapplied() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.blocking.add("handOffConsumerOffsets");
    execute(wf);
    awaitStatus(
        wf, s -> fake.callNames().contains("handOffConsumerOffsets"), "the handoff running");
    fake.gateway = FakeSystems.GatewayState.INITIAL; // someone lifts the fence by hand
    fake.blocking.remove("handOffConsumerOffsets");

    RunReport report = result(wf);

    assertTrue(
        report.notes().stream()
            .anyMatch(
                n ->
                    n.contains("the fence was not live before SWITCH and was re-applied")
                        && n.contains("carries no fence")),
        report.notes().toString());
    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
  }

  @Test
  void aSwitchRetriedAfterAHoldDoesNotCheckTheFenceAgain() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.failures.put("switchRoutes", 1);
    execute(wf);
    MigrationStatus held = awaitStatus(wf, MigrationStatus::held, "held");
    assertEquals(CutoverStep.SWITCH, held.step());

    execute(wf);
    result(wf);

    List<SwitchRequest> sent = fake.switchRequests;
    assertEquals(2, sent.size(), "the failed call and the retry");
    assertNotNull(sent.get(0).fenceFirst());
    assertNull(sent.get(1).fenceFirst(), "after a switch write the CR may be half switched");
    List<String> calls = fake.callNames();
    assertFalse(
        calls.subList(calls.indexOf("switchRoutes"), calls.size()).contains("assertFenced"),
        calls.toString());
  }
}
