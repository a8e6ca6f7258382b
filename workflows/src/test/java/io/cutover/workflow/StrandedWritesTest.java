package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.RunReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Records written to the source after their mirror stopped cannot reach the destination. Past the
 * point of no return the cutover still completes, and the finding is said loudly: in status, the
 * run report and the Web UI's details (docs/architecture.md, "The steps").
 */
class StrandedWritesTest extends CutoverScenario {

  @Test
  void writesFoundOnTheSourceAfterPromotionAreReportedAndTheCutoverCompletes() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.strandedLines =
        List.of("topic orders partition 0: offsets 120..124 (5 record(s)) on the source only");

    execute(wf);
    RunReport report = result(wf);

    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway, "forward, past the point");
    List<String> calls = fake.callNames();
    assertTrue(
        calls.indexOf("awaitMirrorsStopped") < calls.indexOf("findStrandedWrites")
            && calls.indexOf("findStrandedWrites") < calls.indexOf("switchRoutes"),
        "checked after STOPPED, before clients may write to the destination: " + calls);
    assertEquals(5, report.strandedWrites().records());
    assertEquals(1, report.strandedWrites().partitions());
    MigrationStatus s = wf.status();
    assertEquals(report.strandedWrites(), s.strandedWrites());
    String notice =
        s.notices().stream().filter(n -> n.startsWith("⚠ Stranded writes:")).findFirst().orElse("");
    assertTrue(
        notice.contains("topic orders partition 0: offsets 120..124"), s.notices().toString());
    assertTrue(notice.contains("find it and move it to the gateway"), notice);
  }

  @Test
  void aCheckThatCannotRunIsNotedAndDoesNotKeepClientsFenced() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.failures.put("findStrandedWrites", 1); // non-retryable: the check gives up at once

    execute(wf);
    RunReport report = result(wf);

    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
    assertNull(report.strandedWrites(), "not checked");
    assertTrue(
        report.notes().stream().anyMatch(n -> n.contains("could not run")),
        report.notes().toString());
  }

  @Test
  void aCleanCheckIsRecordedAsSuch() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    execute(wf);
    RunReport report = result(wf);
    assertNotNull(report.strandedWrites());
    assertFalse(report.strandedWrites().any());
    assertTrue(
        wf.status().notices().stream().noneMatch(n -> n.startsWith("⚠ Stranded")),
        wf.status().notices().toString());
  }
}
