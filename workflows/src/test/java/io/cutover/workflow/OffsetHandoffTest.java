package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.OffsetHandoff;
import io.cutover.workflow.model.OffsetHandoff.Group;
import io.cutover.workflow.model.OffsetHandoff.Verdict;
import io.cutover.workflow.model.RunReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each consumer group's committed offsets are handed from the source to the destination while the
 * fence holds, after every mirror is STOPPED and before SWITCH lets consumers in. Past the point of
 * no return a group left different is said loudly and the cutover completes (docs/architecture.md,
 * "The offset handoff").
 */
class OffsetHandoffTest extends CutoverScenario {

  @Test
  void theHandoffRunsAfterEveryMirrorStoppedAndBeforeTheSwitch() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.handoffGroups =
        List.of(
            new Group("billing", Verdict.WRITTEN, 3, 42, 0, null),
            new Group("orders-app", Verdict.SYNCED, 3, 0, 0, null));

    execute(wf);
    RunReport report = result(wf);

    List<String> calls = fake.callNames();
    assertTrue(
        calls.indexOf("awaitMirrorsStopped") < calls.indexOf("handOffConsumerOffsets")
            && calls.indexOf("handOffConsumerOffsets") < calls.indexOf("switchRoutes"),
        "handed over once the source's offsets are final, before consumers reach the destination: "
            + calls);
    OffsetHandoff h = report.offsetHandoff();
    assertEquals(2, h.groups());
    assertEquals(1, h.written());
    assertEquals(1, h.synced());
    assertTrue(h.allMatched());
    assertEquals(h, wf.status().offsetHandoff());
    assertTrue(
        wf.status().notices().stream().noneMatch(n -> n.startsWith("⚠ Consumer offsets")),
        wf.status().notices().toString());
  }

  @Test
  void theHandoffRunsWhileTheStrandedWritesCheckDoesAndSwitchWaitsForBoth() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.handoffGroups = List.of(new Group("billing", Verdict.WRITTEN, 3, 42, 0, null));
    fake.blocking.add("findStrandedWrites");

    execute(wf);
    awaitStatus(
        wf, s -> fake.count("handOffConsumerOffsets") == 1, "the handoff to start alongside");
    assertEquals(1, fake.count("findStrandedWrites"), "the check is still running");
    assertEquals(0, fake.count("switchRoutes"), "SWITCH waits for the check");
    fake.blocking.clear();
    RunReport report = result(wf);

    assertEquals(1, report.offsetHandoff().written());
    assertNotNull(report.strandedWrites(), "the check's finding is reported");
    assertEquals(1, fake.count("switchRoutes"));
  }

  @Test
  void aGroupLeftDifferentIsReportedWithWhatToDoAndTheCutoverCompletes() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.handoffGroups =
        List.of(
            new Group(
                "rogue-readers", Verdict.ACTIVE, 3, 17, 0, "2 member(s) already consume there"));

    execute(wf);
    RunReport report = result(wf);

    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway, "forward, past the point");
    assertEquals(1, report.offsetHandoff().unmatched());
    MigrationStatus s = wf.status();
    String notice =
        s.notices().stream()
            .filter(n -> n.startsWith("⚠ Consumer offsets:"))
            .findFirst()
            .orElse("");
    assertTrue(notice.contains("rogue-readers: active"), s.notices().toString());
    assertTrue(notice.contains("17 record(s) behind"), notice);
    assertTrue(notice.contains("--reset-offsets"), notice);
  }

  @Test
  void aHandoffThatCannotRunIsNotedAndDoesNotKeepClientsFenced() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.failures.put("handOffConsumerOffsets", 1); // non-retryable: gives up at once

    execute(wf);
    RunReport report = result(wf);

    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
    assertNull(report.offsetHandoff(), "not handed over");
    assertTrue(
        report.notes().stream().anyMatch(n -> n.contains("consumer-offset handoff could not run")),
        report.notes().toString());
  }
}
