package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.Actor;
import io.cutover.workflow.model.MigrationStatus;
import io.temporal.common.converter.DefaultDataConverter;
import org.junit.jupiter.api.Test;

/**
 * Followers poll {@code progress}, twice a second: the current attempt and the counts, never the
 * record of the past, so a poll stays small however long the group's story (review finding m6).
 */
class ProgressQueryTest extends CutoverScenario {

  private static int bytes(MigrationStatus s) {
    return DefaultDataConverter.STANDARD_INSTANCE.toPayload(s).orElseThrow().getData().size();
  }

  @Test
  void progressCarriesOnlyTheCurrentAttemptWhateverThePastHolds() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    wf.approve(Actor.of("carol", "CHG-7 approved for the next window"));
    for (int i = 0; i < 3; i++) {
      rollBackDuringTheLagWait(wf);
    }
    fake.blocking.add("awaitLagBelow");
    execute(wf);
    awaitStep(wf, CutoverStep.WAIT_FOR_LAG);

    MigrationStatus full = wf.status();
    MigrationStatus progress = wf.progress();

    assertEquals(4, progress.attempt());
    assertEquals(CutoverStep.WAIT_FOR_LAG, progress.step());
    assertTrue(
        progress.steps().stream().allMatch(r -> r.attempt() == 4), progress.steps().toString());
    assertTrue(full.steps().stream().anyMatch(r -> r.attempt() < 4), "status keeps the past");
    assertNull(progress.validation());
    assertTrue(progress.approvals().isEmpty());
    assertTrue(progress.rollbacks().isEmpty(), "attempt 4 has not been rolled back");
    assertEquals(3, full.rollbacks().size());
    assertEquals(full.topicCount(), progress.topicCount());
    assertEquals(full.nextAction(), progress.nextAction());
    assertTrue(
        bytes(progress) * 2 < bytes(full),
        bytes(progress) + " bytes vs the status's " + bytes(full));

    fake.blocking.clear();
    result(wf);
    assertEquals(full.topicCount(), wf.progress().stoppedCount());
  }
}
