package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.MigrationStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pause is a read-only drain then a short write whose scheduling is the durable intent: once
 * scheduled, the attempt restores offset sync whatever happens to the write (review M2, M3).
 */
class OffsetSyncPauseTest extends CutoverScenario {

  private MigrationWorkflow startWithPause() {
    return startAndAwaitExecute(
        Plans.plan("orders", topics(), Plans.policies(p -> p.with(b -> b.pause = true))));
  }

  @Test
  void aRollbackDuringTheDisableWaitsForTheWriteAndRestoresAfterIt() {
    MigrationWorkflow wf = startWithPause();
    fake.disableDelayMillis = 1500;

    execute(wf);
    awaitStatus(wf, s -> fake.count("disableOffsetSync") > 0, "the disable to start");
    rollback(wf);
    awaitStep(wf, CutoverStep.ROLLED_BACK);

    assertTrue(fake.offsetSyncEnabled, "offset sync is on after the rollback: " + fake.timeline);
    List<String> t = fake.timeline;
    assertTrue(
        t.indexOf("offset sync set to false") < t.lastIndexOf("restoreOffsetSync"),
        "the restore ran after the cancelled write landed: " + t);
  }

  @Test
  void aDisableWhoseAnswerWasLostIsStillRestoredNotTakenForSomeoneElsesChange() {
    MigrationWorkflow wf = startWithPause();
    fake.lostAnswers.put("disableOffsetSync", 1);

    execute(wf);
    MigrationStatus status = awaitStep(wf, CutoverStep.ROLLED_BACK);

    assertTrue(fake.offsetSyncEnabled, "restored: " + fake.timeline);
    assertEquals(1, fake.count("restoreOffsetSync"));
    assertTrue(
        status.notices().stream().noneMatch(n -> n.contains("someone else")),
        status.notices().toString());
  }

  @Test
  void syncFoundOffByTheReadOnlyDrainIsLeftAloneAndNothingWasWritten() {
    MigrationWorkflow wf = startWithPause();
    fake.offsetSyncEnabled = false; // an operator turned it off after VALIDATE

    execute(wf);
    MigrationStatus status = awaitStep(wf, CutoverStep.ROLLED_BACK);

    assertEquals(0, fake.count("disableOffsetSync"));
    assertEquals(0, fake.count("restoreOffsetSync"), "the operator's setting is kept");
    assertFalse(fake.offsetSyncEnabled);
    assertTrue(
        status.notices().stream().anyMatch(n -> n.contains("found off by someone else")),
        status.notices().toString());
  }
}
