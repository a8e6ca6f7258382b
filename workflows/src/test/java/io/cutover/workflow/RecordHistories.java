package io.cutover.workflow;

import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the histories {@link ReplayTest} replays. Runs only when asked: {@code mvn -pl workflows
 * test -Dtest=RecordHistories -Dcutover.recordHistories=true}.
 */
@EnabledIfSystemProperty(named = "cutover.recordHistories", matches = "true")
class RecordHistories extends CutoverScenario {
  static final Path DIR = Path.of("src/test/resources/histories");

  private void save(MigrationWorkflow wf, String name) throws Exception {
    String id = WorkflowStub.fromTyped(wf).getExecution().getWorkflowId();
    Files.createDirectories(DIR);
    Files.writeString(DIR.resolve(name), client.fetchHistory(id).toJson(true));
  }

  /** A dry run: VALIDATE and one lag reading, on a plan whose topics lag. */
  @Test
  void planCheck() throws Exception {
    fake.drainPerMeasurement = 0;
    fake.lag.put("orders", 40L);
    PlanCheckWorkflow wf =
        client.newWorkflowStub(
            PlanCheckWorkflow.class,
            io.temporal.client.WorkflowOptions.newBuilder()
                .setWorkflowId(PlanCheckWorkflow.workflowIdFor("dry"))
                .setTaskQueue(MigrationWorkflow.TASK_QUEUE)
                .build());
    wf.check(Plans.plan("dry", java.util.List.of(), Plans.policies(p -> p)));
    Files.createDirectories(DIR);
    Files.writeString(
        DIR.resolve("plan-check.json"),
        client.fetchHistory(PlanCheckWorkflow.workflowIdFor("dry")).toJson(true));
  }

  @Test
  void happyPath() throws Exception {
    var policies =
        Plans.policies(
            p ->
                p.with(
                    b -> {
                      b.pause = true;
                      b.detect = Duration.ofSeconds(10);
                      b.requireApproval = true;
                      b.promoteBatchSize = 2;
                    }));
    // Every mirror on the link: the topic set is a reference, its batches read with ResolveTopics.
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("happy", java.util.List.of(), policies));
    wf.approve(io.cutover.workflow.model.Actor.of("carol", "CHG-1"));
    execute(wf);
    result(wf);
    save(wf, "happy-path.json");
  }

  /** The drain and the unrouted-producer window side by side: rolled back once, then complete. */
  @Test
  void overlappedPassiveWaits() throws Exception {
    var policies = Plans.bothPassiveWaits(Duration.ofSeconds(10));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("overlap", topics(), policies));
    rollBackDuringBothPassiveWaits(wf);
    execute(wf);
    result(wf);
    save(wf, "overlapped-passive-waits.json");
    // The first run: the rollback that cancelled both waits, then its continue-as-new.
    String id = WorkflowStub.fromTyped(wf).getExecution().getWorkflowId();
    String firstRun =
        client
            .fetchHistory(id)
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getContinuedExecutionRunId();
    Files.writeString(
        DIR.resolve("overlapped-waits-rolled-back.json"),
        client.fetchHistory(id, firstRun).toJson(true));
  }

  /** Batches of one, promoted side by side past the point of no return, then each STOPPED. */
  @Test
  void pipelinedPromotion() throws Exception {
    var policies = Plans.policies(p -> p.with(b -> b.promoteBatchSize = 1));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("pipelined", topics(), policies));
    execute(wf);
    result(wf);
    save(wf, "pipelined-promotion.json");
  }

  /** A cutover whose check finds records written to the source after their mirror stopped. */
  @Test
  void strandedWritesFound() throws Exception {
    MigrationWorkflow wf =
        startAndAwaitExecute(Plans.plan("stranded", topics(), Plans.policies(p -> p)));
    fake.strandedLines =
        java.util.List.of(
            "topic orders partition 0: offsets 7..8 (2 record(s)) on the source only");
    execute(wf);
    result(wf);
    save(wf, "stranded-writes-found.json");
  }

  /** A cutover whose handoff writes one group's offsets and finds another active there. */
  @Test
  void offsetHandoff() throws Exception {
    MigrationWorkflow wf =
        startAndAwaitExecute(Plans.plan("handoff", topics(), Plans.policies(p -> p)));
    fake.handoffGroups =
        java.util.List.of(
            new io.cutover.workflow.model.OffsetHandoff.Group(
                "billing", io.cutover.workflow.model.OffsetHandoff.Verdict.WRITTEN, 3, 4, 0, null),
            new io.cutover.workflow.model.OffsetHandoff.Group(
                "readers",
                io.cutover.workflow.model.OffsetHandoff.Verdict.ACTIVE,
                3,
                2,
                0,
                "1 member(s) already consume on the destination"));
    execute(wf);
    result(wf);
    save(wf, "offset-handoff.json");
  }

  /** A cutover whose two end-of-PROMOTE checks run at the same time (fenced-finish-together). */
  @Test
  void fencedFinishTogether() throws Exception {
    MigrationWorkflow wf =
        startAndAwaitExecute(Plans.plan("finish-together", topics(), Plans.policies(p -> p)));
    fake.handoffGroups =
        java.util.List.of(
            new io.cutover.workflow.model.OffsetHandoff.Group(
                "billing", io.cutover.workflow.model.OffsetHandoff.Verdict.WRITTEN, 3, 4, 0, null));
    execute(wf);
    result(wf);
    save(wf, "fenced-finish-together.json");
  }

  /**
   * A cutover whose first batch is promoted on the drain's reading (promote-on-drain-reading) and
   * whose switch checks the fence itself (switch-checks-fence), in batches of two.
   */
  @Test
  void fencedChecksFolded() throws Exception {
    var policies = Plans.policies(p -> p.with(b -> b.promoteBatchSize = 2));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("checks-folded", topics(), policies));
    execute(wf);
    result(wf);
    save(wf, "fenced-checks-folded.json");
  }

  /** A cutover whose watch after DONE finds a record written to the source past the gateway. */
  @Test
  void strandedWritesWatch() throws Exception {
    MigrationWorkflow wf =
        startAndAwaitExecute(Plans.plan("watch", topics(), Plans.policies(p -> p)));
    fake.strandedLinesAfterDone =
        java.util.List.of(
            "topic orders partition 0: offsets 120..124 (5 record(s)) on the source only");
    execute(
        wf,
        io.cutover.workflow.model.PolicyOverrides.none()
            .with(
                io.cutover.workflow.model.PolicyCatalog.STRANDED_WRITES_WATCH_DURATION,
                java.time.Duration.ofMinutes(1)));
    result(wf);
    save(wf, "stranded-writes-watch.json");
  }

  @Test
  void rollbackThenComplete() throws Exception {
    var policies = Plans.policies(p -> p.with(b -> b.pause = true));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("rollback", topics(), policies));
    fake.blocking.add("drainOffsetSync");
    execute(wf);
    awaitStep(wf, CutoverStep.PAUSE_OFFSET_SYNC);
    rollback(wf);
    awaitStep(wf, CutoverStep.ROLLED_BACK);
    fake.blocking.clear();
    execute(wf);
    result(wf);
    save(wf, "rollback-then-complete.json");
  }

  @Test
  void heldThenRetried() throws Exception {
    MigrationWorkflow wf =
        startAndAwaitExecute(Plans.plan("held", topics(), Plans.policies(p -> p)));
    fake.failures.put("switchRoutes", 1);
    execute(wf);
    awaitStatus(wf, io.cutover.workflow.model.MigrationStatus::held, "held");
    execute(wf);
    result(wf);
    save(wf, "held-then-retried.json");
  }

  @Test
  void heldAtSwitch() throws Exception {
    var policies = Plans.policies(p -> p.with(b -> b.pause = true));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("held-open", topics(), policies));
    fake.failures.put("switchRoutes", 1);
    execute(wf);
    awaitStatus(wf, io.cutover.workflow.model.MigrationStatus::held, "held");
    save(wf, "held-at-switch.json");
  }

  @Test
  void rolledBackWithAnEarlyApproval() throws Exception {
    var policies = Plans.policies(p -> p.with(b -> b.requireApproval = true));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("rolled-back", topics(), policies));
    fake.blocking.add("awaitLagBelow");
    execute(wf);
    awaitStep(wf, CutoverStep.WAIT_FOR_LAG);
    rollback(wf);
    awaitStep(wf, CutoverStep.ROLLED_BACK);
    wf.approve(io.cutover.workflow.model.Actor.of("carol", "CHG-2 for the next attempt"));
    save(wf, "rolled-back-with-early-approval.json");
  }
}
