package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.RunReport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A producer writing straight to the source during the fence: roll back, resume once it stops. */
class UnroutedProducersTest extends CutoverScenario {

  @Test
  void detectedProducersRollBackAndExecuteCompletesOnceTheyStop() {
    var policies = Plans.bothPassiveWaits(Duration.ofSeconds(30));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("orders", topics(), policies));
    fake.unroutedViolations =
        List.of("topic orders partition 0: offset 120 -> 180 (+60, ~2.0 msg/s)");

    execute(wf);
    MigrationStatus rolledBack = awaitStep(wf, CutoverStep.ROLLED_BACK);

    String cause = rolledBack.rollbacks().get(0).cause();
    assertTrue(cause.startsWith("unrouted producers detected: topic orders partition 0"), cause);
    assertTrue(cause.contains("through the gateway"), "says what to do: " + cause);
    assertEquals(CutoverStep.VERIFY_FENCE, rolledBack.rollbacks().get(0).fromStep());
    assertEquals(FakeSystems.GatewayState.INITIAL, fake.gateway, "traffic restored to the source");
    assertTrue(fake.offsetSyncEnabled, "offset sync restored");
    assertEquals(0, fake.count("promoteMirrors"));

    fake.unroutedViolations = List.of();
    execute(wf);
    RunReport report = result(wf);
    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
    assertEquals(2, fake.count("fenceRoutes"), "the second attempt fenced again");
    assertEquals(2, fake.count("disableOffsetSync"), "and paused the sync again");
    assertEquals(2, report.attempts());
  }

  @Test
  void manyViolationsAreSummarisedNotListedInFull() {
    var policies = Plans.policies(p -> p.with(b -> b.detect = Duration.ofSeconds(10)));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("orders", topics(), policies));
    fake.unroutedViolations =
        java.util.stream.IntStream.range(0, 100)
            .mapToObj(i -> "topic orders partition " + i + ": offset 0 -> 1 (+1, ~0.1 msg/s)")
            .toList();

    execute(wf);
    MigrationStatus rolledBack = awaitStep(wf, CutoverStep.ROLLED_BACK);
    String cause = rolledBack.rollbacks().get(0).cause();
    assertTrue(cause.contains("(and 80 more partition(s))"), cause);
    assertFalse(cause.contains("partition 99:"), "capped list");
  }
}
