package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.fail;

import io.cutover.workflow.model.Actor;
import io.cutover.workflow.model.ExecuteRequest;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.PolicyOverrides;
import io.cutover.workflow.model.RunReport;
import io.cutover.workflow.model.UpdateAck;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the workflow scenario tests: an in-process Temporal test server with time skipping, the
 * real workflow, and {@link FakeSystems} behind the activity interfaces.
 */
abstract class CutoverScenario {
  protected TestWorkflowEnvironment env;
  protected WorkflowClient client;
  protected FakeSystems fake;

  protected List<String> topics() {
    return List.of("orders", "payments", "refunds");
  }

  /** Heartbeats must reach the server quickly, or a cancel waits for the throttle interval. */
  static WorkerOptions workerOptions() {
    return WorkerOptions.newBuilder()
        .setMaxHeartbeatThrottleInterval(Duration.ofMillis(50))
        .setDefaultHeartbeatThrottleInterval(Duration.ofMillis(50))
        .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
        .build();
  }

  /**
   * The options of the worker on the main task queue (the control queue's keep {@link
   * #workerOptions()}).
   */
  protected WorkerOptions mainQueueOptions() {
    return workerOptions();
  }

  @BeforeEach
  void startEnvironment() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(true).build());
    env.registerSearchAttribute(
        MigrationWorkflow.SEARCH_ATTRIBUTE, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    fake = new FakeSystems(topics());
    client = env.getWorkflowClient();
    registerWorkers();
    env.start();
  }

  /** One worker on the environment's factory; restart tests build their own factories. */
  protected void registerWorkers() {
    Worker worker = env.newWorker(MigrationWorkflow.TASK_QUEUE, mainQueueOptions());
    worker.registerWorkflowImplementationTypes(
        MigrationWorkflowImpl.class, PlanCheckWorkflowImpl.class);
    worker.registerActivitiesImplementations(fake);
    env.newWorker(MigrationWorkflow.controlQueue(MigrationWorkflow.TASK_QUEUE), workerOptions())
        .registerActivitiesImplementations(fake);
  }

  private static final RetiredEnvironments RETIRED = new RetiredEnvironments();

  @AfterEach
  void stopEnvironment() {
    RETIRED.retire(env);
  }

  @AfterAll
  static void closeEnvironments() {
    RETIRED.closeAll();
  }

  protected MigrationWorkflow start(MigrationPlan plan) {
    MigrationWorkflow wf =
        client.newWorkflowStub(
            MigrationWorkflow.class,
            MigrationWorkflowOptions.forPlan(plan, MigrationWorkflow.TASK_QUEUE));
    WorkflowClient.start(wf::run, plan, null);
    // By workflow id only, as the CLI does: queries and Updates then reach the latest run of the
    // continue-as-new chain, not the first.
    return client.newWorkflowStub(MigrationWorkflow.class, plan.workflowId());
  }

  protected MigrationWorkflow startAndAwaitExecute(MigrationPlan plan) {
    MigrationWorkflow wf = start(plan);
    awaitStep(wf, CutoverStep.AWAIT_EXECUTE);
    return wf;
  }

  protected static UpdateAck execute(MigrationWorkflow wf) {
    return wf.execute(new ExecuteRequest("alice", null));
  }

  protected static UpdateAck execute(MigrationWorkflow wf, PolicyOverrides overrides) {
    return wf.execute(new ExecuteRequest("alice", overrides));
  }

  protected static UpdateAck rollback(MigrationWorkflow wf) {
    return wf.rollback(Actor.of("bob", "testing rollback"));
  }

  /** Starts an attempt, rolls it back while it waits for lag, and lets the lag wait go again. */
  protected void rollBackDuringTheLagWait(MigrationWorkflow wf) {
    fake.blocking.add("awaitLagBelow");
    execute(wf);
    awaitStep(wf, CutoverStep.WAIT_FOR_LAG);
    rollback(wf);
    awaitStep(wf, CutoverStep.ROLLED_BACK);
    fake.blocking.clear();
  }

  /**
   * Starts an attempt, rolls it back while the offset-sync drain and the unrouted-producer window
   * both run, and lets them go again; returns the status at ROLLED_BACK.
   */
  protected MigrationStatus rollBackDuringBothPassiveWaits(MigrationWorkflow wf) {
    fake.blocking.add("drainOffsetSync");
    fake.blocking.add("detectUnroutedProducers");
    execute(wf);
    awaitStatus(
        wf,
        s -> fake.count("detectUnroutedProducers") == 1 && fake.count("drainOffsetSync") == 1,
        "both waits to run");
    rollback(wf);
    MigrationStatus rolledBack = awaitStep(wf, CutoverStep.ROLLED_BACK);
    fake.blocking.clear();
    return rolledBack;
  }

  protected MigrationStatus awaitStep(MigrationWorkflow wf, CutoverStep step) {
    return awaitStatus(wf, s -> s.step() == step, "step " + step);
  }

  /**
   * Polls status. Each poll lets the test server skip 100 ms of workflow time, so workflow timers
   * (retry pauses) pass quickly while the test waits; a running activity keeps time real.
   */
  protected MigrationStatus awaitStatus(
      MigrationWorkflow wf, Predicate<MigrationStatus> p, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    MigrationStatus last = null;
    while (System.nanoTime() < deadline) {
      last = wf.status();
      if (p.test(last)) {
        return last;
      }
      env.sleep(Duration.ofMillis(100));
    }
    fail(
        "timed out waiting for "
            + what
            + "; last status: step="
            + (last == null ? null : last.step())
            + " lastError="
            + (last == null ? null : last.lastError())
            + "; history: "
            + historyTail(wf));
    return last;
  }

  /** The last events of the run, for a failure message: what it was waiting on. */
  private String historyTail(MigrationWorkflow wf) {
    String id = WorkflowStub.fromTyped(wf).getExecution().getWorkflowId();
    var events = client.fetchHistory(id).getHistory().getEventsList();
    return events.subList(Math.max(0, events.size() - 25), events.size()).stream()
        .map(
            e ->
                e.getEventId()
                    + ":"
                    + e.getEventType().name().replace("EVENT_TYPE_", "")
                    + (e.hasActivityTaskScheduledEventAttributes()
                        ? "("
                            + e.getActivityTaskScheduledEventAttributes()
                                .getActivityType()
                                .getName()
                            + ")"
                        : "")
                    + (e.hasTimerStartedEventAttributes()
                        ? "("
                            + e.getTimerStartedEventAttributes()
                                .getStartToFireTimeout()
                                .getSeconds()
                            + "s)"
                        : ""))
        .collect(java.util.stream.Collectors.joining(" "));
  }

  protected static RunReport result(MigrationWorkflow wf) {
    try {
      return WorkflowStub.fromTyped(wf).getResult(60, TimeUnit.SECONDS, RunReport.class);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("workflow did not complete; status: " + wf.status(), e);
    }
  }
}
