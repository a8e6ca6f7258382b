package io.cutover.cli;

import io.cutover.workflow.FakeSystems;
import io.cutover.workflow.MigrationWorkflow;
import io.cutover.workflow.MigrationWorkflowImpl;
import io.cutover.workflow.RetiredEnvironments;
import io.micronaut.context.ApplicationContext;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs CLI commands in-process through {@code CommandLine.execute} against Temporal's test server
 * with a worker running the real workflow and {@link FakeSystems} as the outside world.
 */
abstract class CliScenario {
  @TempDir Path dir;

  TestWorkflowEnvironment env;
  FakeSystems fake;
  ApplicationContext ctx;
  Path manifest;

  @BeforeEach
  void start() throws IOException {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    env.registerSearchAttribute(
        MigrationWorkflow.SEARCH_ATTRIBUTE, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute(
        io.cutover.workflow.wave.WaveWorkflow.SEARCH_ATTRIBUTE,
        IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    fake = new FakeSystems(List.of("orders", "payments"));
    // Both queues send heartbeats at once: a cancel (a rollback during the fence) reaches an
    // activity only with a
    // heartbeat's answer, and the SDK's default throttle would hold it back for up to 30 s.
    WorkerOptions workers =
        WorkerOptions.newBuilder()
            .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
            .setMaxHeartbeatThrottleInterval(Duration.ofMillis(50))
            .setDefaultHeartbeatThrottleInterval(Duration.ofMillis(50))
            .build();
    Worker worker = env.newWorker(MigrationWorkflow.TASK_QUEUE, workers);
    worker.registerWorkflowImplementationTypes(
        MigrationWorkflowImpl.class,
        io.cutover.workflow.RecoveryWorkflowImpl.class,
        io.cutover.workflow.PlanCheckWorkflowImpl.class,
        io.cutover.workflow.wave.WaveWorkflowImpl.class);
    var wave =
        new io.cutover.activities.wave.WaveActivitiesImpl(
            env.getWorkflowClient(),
            Duration.ofMillis(100),
            io.cutover.activities.support.Heartbeat.TEMPORAL);
    worker.registerActivitiesImplementations(fake, wave);
    env.newWorker(MigrationWorkflow.controlQueue(MigrationWorkflow.TASK_QUEUE), workers)
        .registerActivitiesImplementations(fake, wave);
    env.newWorker(
            io.cutover.workflow.wave.WaveWorkflow.waitQueue(MigrationWorkflow.TASK_QUEUE), workers)
        .registerActivitiesImplementations(wave);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    TemporalConnection connection = options -> client;
    ctx = ApplicationContext.builder().environments("test").singletons(connection).start();
    manifest = writeManifest("orders", QUICK);
  }

  private static final RetiredEnvironments RETIRED = new RetiredEnvironments();

  @AfterEach
  void stop() {
    ctx.close();
    RETIRED.retire(env);
  }

  @AfterAll
  static void closeEnvironments() {
    RETIRED.closeAll();
  }

  /**
   * The policies of the scenarios' manifest: DONE checks the source once for stranded writes, so an
   * execute that follows to the end returns at DONE (ExecuteCommandTest follows a longer watch).
   */
  static final String QUICK = "  defaultPolicies:\n    strandedWritesWatchDuration: 0s\n";

  Path writeManifest(String name, String policies) throws IOException {
    return TestManifests.write(dir, name, policies);
  }

  CliRun cli(String... args) {
    return CliRun.run(ctx, args);
  }
}
