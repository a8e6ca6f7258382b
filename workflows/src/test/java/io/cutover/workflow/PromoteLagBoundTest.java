package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.MigrationStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * After the point of no return a batch that never reaches zero lag holds with the lagging topics
 * named, instead of looping unseen for ever (review M5).
 */
class PromoteLagBoundTest extends CutoverScenario {

  @Test
  void aBatchStuckAboveZeroLagAfterThePointOfNoReturnHoldsNamingTheTopic() {
    var policies =
        Plans.policies(
            p ->
                p.with(
                    b -> {
                      b.promoteBatchSize = 1;
                      b.lagThreshold = 1000;
                      b.maxPromoteLagWait = Duration.ofMinutes(2);
                    }));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("orders", topics(), policies));
    fake.drainPerMeasurement = 0;
    fake.lagAfterFirstPromote.put(
        "refunds", 7L); // orders promotes first (sorted order), then refunds lags

    execute(wf);
    MigrationStatus waiting =
        awaitStatus(
            wf,
            s -> s.lastError() != null && s.lastError().contains("waiting for zero lag"),
            "the wait to show");
    assertTrue(waiting.lastError().contains("refunds (lag 7)"), waiting.lastError());
    assertFalse(waiting.held());

    env.sleep(Duration.ofMinutes(3));
    MigrationStatus held = awaitStatus(wf, MigrationStatus::held, "held");

    assertEquals(CutoverStep.PROMOTE, held.step());
    assertTrue(held.lastError().contains("refunds (lag 7)"), held.lastError());
    assertTrue(held.lastError().contains("maxPromoteLagWait (2m)"), held.lastError());
    assertEquals(0, fake.count("unfenceRoutes"));

    fake.lag.put("refunds", 0L);
    execute(wf);
    result(wf);
    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
  }
}
