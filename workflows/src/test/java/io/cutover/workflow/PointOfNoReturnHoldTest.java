package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.RunReport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** After the first accepted promote a failure never unfences to the source: the run holds. */
class PointOfNoReturnHoldTest extends CutoverScenario {

  @Test
  void failedSwitchHoldsWithGuidanceAndRetriesWhenTold() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.failures.put("switchRoutes", 1);

    execute(wf);
    MigrationStatus held = awaitStatus(wf, MigrationStatus::held, "held");

    assertEquals(CutoverStep.SWITCH, held.step());
    assertTrue(
        held.lastError().contains("SWITCH failed after the point of no return"), held.lastError());
    assertTrue(held.nextAction().contains("cutover execute orders"), held.nextAction());
    assertTrue(
        held.nextAction().contains("do not re-apply the initial gateway CR"), held.nextAction());
    assertEquals(
        FakeSystems.GatewayState.FENCED,
        fake.gateway,
        "clients stay fenced, never back on the source");
    assertEquals(0, fake.count("unfenceRoutes"));

    var ack = execute(wf);
    assertTrue(ack.message().startsWith("retrying SWITCH"), ack.message());
    RunReport report = result(wf);
    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
    assertEquals(2, fake.count("switchRoutes"));
    assertEquals(1, report.attempts(), "a retry is not a new attempt");
  }

  @Test
  void promotionFailingAfterTheFirstBatchWasAcceptedHoldsAndResumesWhereItStopped() {
    var policies = Plans.policies(p -> p.with(b -> b.promoteBatchSize = 1));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("orders", topics(), policies));
    fake.promoteErrors.put("payments", 3); // orders is accepted first; payments is refused 3 times

    execute(wf);
    MigrationStatus held = awaitStatus(wf, MigrationStatus::held, "held");

    assertEquals(CutoverStep.PROMOTE, held.step());
    assertTrue(held.pointOfNoReturnPassed());
    assertTrue(
        held.lastError().contains("topic payments failed promotion after 3 attempts"),
        held.lastError());
    assertEquals(
        2,
        held.stoppedCount(),
        "orders and refunds: a refused topic is retried after the other batches");
    assertEquals("STOPPED", fake.mirrorStatus.get("refunds"));
    assertEquals(FakeSystems.GatewayState.FENCED, fake.gateway);

    execute(wf);
    result(wf);
    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
    assertEquals(
        1,
        fake.calls.stream().filter(c -> c.equals("promoteMirrors orders")).count(),
        "orders is not promoted again after the hold");
    assertTrue(fake.mirrorStatus.values().stream().allMatch("STOPPED"::equals));
  }

  @Test
  void aBatchSentAgainAfterAHoldCountsOnlyItsNewAcceptances() {
    var policies = Plans.policies(p -> p.with(b -> b.promoteBatchSize = 2));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("orders", topics(), policies));
    // orders is accepted with the first batch (the point of no return); payments is refused there
    // and then three times as a leftover, which holds the run
    fake.promoteErrors.put("payments", 4);

    execute(wf);
    awaitStatus(wf, MigrationStatus::held, "held");
    execute(wf);
    result(wf);

    assertEquals(
        4,
        fake.calls.stream().filter(c -> c.equals("promoteMirrors payments")).count(),
        "the held leftover is sent again after the hold");
    assertEquals(topics().size(), wf.status().promotedCount(), "each topic counted once");
  }

  @Test
  void heldRunIgnoresTheFenceBudgetAndStaysFenced() {
    var policies = Plans.policies(p -> p.with(b -> b.maxFenced = Duration.ofMinutes(1)));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("orders", topics(), policies));
    fake.failures.put("switchRoutes", 1);
    execute(wf);
    awaitStatus(wf, MigrationStatus::held, "held");

    env.sleep(Duration.ofMinutes(5));

    MigrationStatus still = wf.status();
    assertTrue(still.held());
    assertEquals(
        0,
        fake.count("unfenceRoutes"),
        "the fence budget does not apply after the point of no return");
  }
}
