package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.model.MigrationStatus;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * PROMOTE past the point of no return sends each ready batch without waiting for the earlier ones
 * to be STOPPED, at most {@link StoppedWaits#MAX_IN_FLIGHT} in flight, and ends only when every
 * batch is confirmed STOPPED; a failed STOPPED wait is waited for again after the hold, without
 * promoting its batch again.
 */
class PipelinedPromotionTest extends CutoverScenario {

  @Override
  protected List<String> topics() {
    return IntStream.rangeClosed(1, 10).mapToObj(i -> "t" + i).toList();
  }

  private List<String> promotesAndWaits() {
    return fake.calls.stream()
        .filter(c -> c.startsWith("promoteMirrors") || c.startsWith("awaitMirrorsStopped"))
        .toList();
  }

  private MigrationWorkflow started(int batchSize) {
    var policies = Plans.policies(p -> p.with(b -> b.promoteBatchSize = batchSize));
    return startAndAwaitExecute(Plans.plan("pipelined", topics(), policies));
  }

  @Test
  void laterBatchesArePromotedWhileEarlierOnesDrainAndTheStepEndsWhenAllAreStopped() {
    MigrationWorkflow wf = started(4);

    execute(wf);
    result(wf);

    assertEquals(
        List.of(
            "promoteMirrors t1,t2,t3,t4",
            "promoteMirrors t5,t6,t7,t8",
            "promoteMirrors t9,t10",
            "awaitMirrorsStopped t1,t2,t3,t4",
            "awaitMirrorsStopped t5,t6,t7,t8",
            "awaitMirrorsStopped t9,t10"),
        promotesAndWaits());
    int promoteEnd = fake.calls.indexOf("awaitMirrorsStopped t9,t10");
    assertTrue(
        fake.calls.indexOf("findStrandedWrites") > promoteEnd, "the step ends after every STOPPED");
    assertEquals(10, wf.status().stoppedCount());
  }

  @Test
  void noMoreThanFourBatchesAreInFlight() {
    MigrationWorkflow wf = started(1);

    execute(wf);
    result(wf);

    int inFlight = 0;
    int most = 0;
    for (String c : promotesAndWaits()) {
      inFlight += c.startsWith("promoteMirrors") ? 1 : -1;
      most = Math.max(most, inFlight);
    }
    assertEquals(StoppedWaits.MAX_IN_FLIGHT, most, promotesAndWaits().toString());
    assertEquals(0, inFlight, "every promoted batch was waited for");
    assertEquals(10, fake.count("promoteMirrors"));
  }

  @Test
  void aFailedStoppedWaitIsWaitedForAgainAfterTheHoldWithoutPromotingAgain() {
    MigrationWorkflow wf = started(4);
    fake.failures.put("awaitMirrorsStopped", 1);

    execute(wf);
    MigrationStatus held = awaitStatus(wf, MigrationStatus::held, "held");
    assertEquals(CutoverStep.PROMOTE, held.step());
    assertEquals(0, held.stoppedCount(), held.toString());
    execute(wf);
    result(wf);

    assertEquals(3, fake.count("promoteMirrors"), "no batch promoted twice");
    assertEquals(
        2,
        fake.calls.stream().filter(c -> c.equals("awaitMirrorsStopped t1,t2,t3,t4")).count(),
        "the failed wait is waited for again");
    assertEquals(10, wf.status().promotedCount());
    assertEquals(10, wf.status().stoppedCount());
  }
}
