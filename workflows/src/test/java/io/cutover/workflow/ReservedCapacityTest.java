package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.MigrationStatus;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Gateway writes and undo actions have slots of their own (the control task queue): a worker whose
 * every ordinary activity slot is taken by a long lag poll still switches a held group and still
 * unfences a rolled-back one (review finding m8).
 */
class ReservedCapacityTest extends CutoverScenario {

  /** One ordinary activity slot, as if a few hundred groups' lag waits had taken them all. */
  @Override
  protected WorkerOptions mainQueueOptions() {
    return WorkerOptions.newBuilder(workerOptions())
        .setMaxConcurrentActivityExecutionSize(1)
        .build();
  }

  @Test
  void aHeldSwitchIsRetriedWhileLagPollsHoldEveryOrdinarySlot() {
    MigrationWorkflow held =
        startAndAwaitExecute(Plans.plan("held", topics(), Plans.policies(p -> p)));
    fake.failures.put("switchRoutes", 1);
    execute(held);
    awaitStatus(held, MigrationStatus::held, "held at SWITCH");

    MigrationWorkflow waiting =
        startAndAwaitExecute(Plans.plan("waiting", topics(), Plans.policies(p -> p)));
    fake.blocking.add("awaitLagBelow");
    execute(waiting);
    awaitStep(waiting, CutoverStep.WAIT_FOR_LAG);

    execute(held);
    MigrationStatus done = awaitStep(held, CutoverStep.DONE);

    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
    assertEquals(
        CutoverStep.WAIT_FOR_LAG,
        waiting.status().step(),
        "the lag poll still holds the only slot");
    assertEquals(CutoverStep.DONE, done.step());
    fake.blocking.clear();
  }

  @Test
  void theWritesAndUndoActionsAreScheduledOnTheControlQueueAndThePollsAreNot() {
    var policies = Plans.bothPassiveWaits(Duration.ofSeconds(10));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("queues", topics(), policies));
    execute(wf);
    result(wf);

    String control = MigrationWorkflow.controlQueue(MigrationWorkflow.TASK_QUEUE);
    var scheduled =
        client
            .fetchHistory(
                io.temporal.client.WorkflowStub.fromTyped(wf).getExecution().getWorkflowId())
            .getEvents()
            .stream()
            .filter(e -> e.hasActivityTaskScheduledEventAttributes())
            .map(e -> e.getActivityTaskScheduledEventAttributes())
            .toList();
    for (var a : scheduled) {
      String type = a.getActivityType().getName();
      boolean urgent =
          switch (type) {
            case "FenceRoutes",
                "AssertFenced",
                "UnfenceRoutes",
                "SwitchRoutes",
                "ConfirmTrafficFlows",
                "DisableOffsetSync",
                "RestoreOffsetSync",
                "PromoteMirrors",
                "DescribeMirrors" ->
                true;
            default -> false;
          };
      assertEquals(
          urgent ? control : MigrationWorkflow.TASK_QUEUE, a.getTaskQueue().getName(), type);
    }
    assertTrue(scheduled.stream().anyMatch(a -> a.getTaskQueue().getName().equals(control)));
  }
}
