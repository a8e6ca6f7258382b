package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.PolicyCatalog;
import io.cutover.workflow.model.PolicyOverrides;
import io.cutover.workflow.model.RunReport;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * After DONE the source is still watched for records written after their mirror stopped, against
 * the stop offsets recorded at the end of PROMOTE (docs/architecture.md, "Stranded writes"): a
 * producer that bypasses the gateway may stay quiet through PROMOTE and write later.
 */
class StrandedWritesWatchTest extends CutoverScenario {
  private static final String LATE =
      "topic orders partition 0: offsets 120..124 (5 record(s)) on the source only";

  private static PolicyOverrides watch(Duration d) {
    return PolicyOverrides.none().with(PolicyCatalog.STRANDED_WRITES_WATCH_DURATION, d);
  }

  @Test
  void writesAfterDoneAreFoundByTheWatchAndReplaceTheCleanFinding() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.strandedLinesAfterDone = List.of(LATE);

    execute(wf, watch(Duration.ofMinutes(5)));
    RunReport report = result(wf);

    List<String> calls = fake.callNames();
    assertTrue(
        calls.indexOf("switchRoutes") < calls.indexOf("recheckStrandedWrites"),
        "watched after SWITCH: " + calls);
    // Every 30 s from DONE to 5 minutes after it: 11 checks.
    assertEquals(11, fake.count("recheckStrandedWrites"), calls.toString());
    assertEquals(5, report.strandedWrites().records(), report.strandedWrites().toString());
    assertNull(report.strandedWrites().watchingUntil(), "the watch has ended");
    assertEquals(
        "cutover.mirror-stops." + Plans.plan(topics()).name(),
        report.strandedWrites().stops().group());
    MigrationStatus s = wf.status();
    assertEquals(
        1,
        s.notices().stream().filter(n -> n.startsWith("⚠ Stranded writes:")).count(),
        "one notice, the latest finding: " + s.notices());
    assertTrue(
        s.notices().stream().anyMatch(n -> n.contains(LATE)), "names the offsets: " + s.notices());
    assertTrue(
        report.notes().stream()
            .anyMatch(
                n ->
                    n.startsWith(
                        "Watched the source for stranded writes for 5m after DONE: 5 record(s)")),
        report.notes().toString());
  }

  @Test
  void aLongWatchChecksABoundedNumberOfTimes() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));

    execute(wf, watch(Duration.ofHours(24)));
    RunReport report = result(wf);

    assertEquals(
        StrandedWritesWatch.MAX_CHECKS + 1,
        fake.count("recheckStrandedWrites"),
        "a fortieth of the watch apart, so the history stays bounded");
    assertFalse(report.strandedWrites().any());
  }

  @Test
  void aZeroWatchChecksOnceAtDone() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));

    execute(wf, watch(Duration.ZERO));
    RunReport report = result(wf);

    assertEquals(1, fake.count("recheckStrandedWrites"));
    assertTrue(
        report.notes().stream()
            .anyMatch(n -> n.startsWith("Watched the source for stranded writes once, at DONE")),
        report.notes().toString());
  }

  @Test
  void stopsThatCannotBeRecordedAreNotedAndTheSourceIsNotWatched() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.stopsProblem = "committing offsets was refused";

    execute(wf);
    RunReport report = result(wf);

    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway, "the cutover completes");
    assertEquals(0, fake.count("recheckStrandedWrites"));
    assertTrue(
        report.notes().stream()
            .anyMatch(
                n ->
                    n.contains("where the mirrors stopped could not be recorded (committing")
                        && n.contains("kafka-get-offsets")),
        report.notes().toString());
  }

  @Test
  void aRecordOfTheStopsThatIsLostEndsTheWatchWithANote() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.failures.put("recheckStrandedWrites", 1);
    fake.failureType.put("recheckStrandedWrites", FailureTypes.MIRROR_STOPS_LOST);

    execute(wf);
    RunReport report = result(wf);

    assertEquals(1, fake.count("recheckStrandedWrites"), "no check after the record is gone");
    assertTrue(
        report.notes().stream().anyMatch(n -> n.contains("the watch stops")),
        report.notes().toString());
    assertNull(report.strandedWrites().watchingUntil());
  }

  @Test
  void aCheckThatFailsIsNotedAndTheNextOneRunsAnyway() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.failures.put("recheckStrandedWrites", 1); // non-retryable, of an unknown kind

    execute(wf, watch(Duration.ofMinutes(1)));
    RunReport report = result(wf);

    assertEquals(3, fake.count("recheckStrandedWrites"), "at DONE, 30 s and 60 s after it");
    assertTrue(
        report.notes().stream().anyMatch(n -> n.contains("the next check tries again")),
        report.notes().toString());
  }

  @Test
  void aCancelDuringTheWatchEndsItAndStatusSaysSo() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));

    execute(wf, watch(Duration.ofHours(1)));
    MigrationStatus watching =
        awaitStatus(
            wf,
            s -> s.strandedWrites() != null && s.strandedWrites().watchingUntil() != null,
            "the watch to begin");
    assertEquals(CutoverStep.DONE, watching.step(), "DONE while the source is watched");
    WorkflowStub.fromTyped(wf).cancel();
    // The SDK ends a cancelled run as cancelled, whatever it returns; its status stays readable.
    WorkflowFailedException ended = assertThrows(WorkflowFailedException.class, () -> result(wf));
    assertInstanceOf(CanceledFailure.class, ended.getCause());

    MigrationStatus after = wf.status();
    assertNull(after.strandedWrites().watchingUntil());
    assertEquals(CutoverStep.DONE, after.step());
    assertTrue(
        after.notices().stream()
            .anyMatch(n -> n.contains("ended early: the workflow was cancelled")),
        after.notices().toString());
  }
}
