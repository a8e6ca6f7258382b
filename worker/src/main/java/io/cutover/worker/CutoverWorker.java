package io.cutover.worker;

import io.cutover.activities.support.Heartbeat;
import io.cutover.activities.support.RedactingInterceptor;
import io.cutover.activities.wave.WaveActivitiesImpl;
import io.cutover.workflow.MigrationWorkflow;
import io.cutover.workflow.MigrationWorkflowImpl;
import io.cutover.workflow.PlanCheckWorkflowImpl;
import io.cutover.workflow.RecoveryWorkflowImpl;
import io.cutover.workflow.wave.WaveWorkflow;
import io.cutover.workflow.wave.WaveWorkflowImpl;
import io.micronaut.context.annotation.Value;
import io.temporal.client.WorkflowClient;
import io.temporal.common.VersioningBehavior;
import io.temporal.common.WorkerDeploymentVersion;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerDeploymentOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal worker: the migration workflow plus every activity, on one task queue. Created on
 * demand (the worker application and {@code cutover dev} start it; other CLI commands never do) and
 * drained on shutdown so in-flight activities can finish or heartbeat their way to a retry.
 */
@Singleton
public class CutoverWorker {
  private static final Logger log = LoggerFactory.getLogger(CutoverWorker.class);

  /** Longest time between heartbeats sent for the read-only polls of the main task queue. */
  static final Duration POLL_HEARTBEATS = Duration.ofSeconds(5);

  /** Longest time between heartbeats sent for the writes and undo actions of the control queue. */
  static final Duration WRITE_HEARTBEATS = Duration.ofSeconds(2);

  private final WorkflowClient client;
  private final TemporalSettings settings;
  private final CutoverActivities activities;
  private final Duration drainTimeout;
  private final String deploymentName;
  private WorkerFactory factory;

  public CutoverWorker(
      WorkflowClient client,
      TemporalSettings settings,
      CutoverActivities activities,
      @Value("${cutover.worker.drain-timeout:30s}") Duration drainTimeout,
      @Value("${cutover.worker.deployment-name:}") String deploymentName) {
    this.deploymentName = deploymentName == null ? "" : deploymentName;
    this.client = client;
    this.settings = settings;
    this.activities = activities;
    this.drainTimeout = drainTimeout;
  }

  public synchronized void start() {
    if (factory != null) {
      return;
    }
    // Every activity failure is recorded in history: its messages are redacted on the way out.
    factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(new RedactingInterceptor())
                .build());
    // Cancellation reaches an activity only on a heartbeat that is sent; the default throttle (80%
    // of
    // the 30 s heartbeat timeout) would let a cancelled fence run on for 24 s. The writes on the
    // control queue send one every 2 s; the read-only polls on the main queue, which a cancel never
    // waits for, every 5 s, so a hundred groups' lag waits cost 20 heartbeat writes a second, not
    // 50.
    WorkerOptions.Builder options = mainQueueOptions();
    if (settings.isDisableSticky()) {
      options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
    }
    if (!deploymentName.isBlank()) {
      // Runs are pinned to the build that started them; a continue-as-new at a resting point moves
      // the next run to the deployment's current version (docs/runbook.md, "Upgrading the worker").
      WorkerDeploymentVersion version =
          new WorkerDeploymentVersion(deploymentName, BuildId.current());
      options.setDeploymentOptions(
          WorkerDeploymentOptions.newBuilder()
              .setUseVersioning(true)
              .setVersion(version)
              .setDefaultVersioningBehavior(VersioningBehavior.PINNED)
              .build());
      log.info("Worker Versioning on: deployment version {}", version.toCanonicalString());
    }
    Worker worker = factory.newWorker(settings.getTaskQueue(), options.build());
    worker.registerWorkflowImplementationTypes(
        MigrationWorkflowImpl.class,
        RecoveryWorkflowImpl.class,
        PlanCheckWorkflowImpl.class,
        WaveWorkflowImpl.class);
    WaveActivitiesImpl wave =
        new WaveActivitiesImpl(
            client, WaveActivitiesImpl.DEFAULT_POLL_INTERVAL, Heartbeat.TEMPORAL);
    Object[] all = with(activities.all(), wave);
    worker.registerActivitiesImplementations(all);
    // Its own slots: gateway and link writes, the promote and the undo actions never wait behind
    // lag polls.
    String control = MigrationWorkflow.controlQueue(settings.getTaskQueue());
    factory
        .newWorker(control, controlQueueOptions(options.build()))
        .registerActivitiesImplementations(all);
    // And the waves' waits for their groups, which would otherwise hold main-queue slots.
    factory
        .newWorker(
            WaveWorkflow.waitQueue(settings.getTaskQueue()), waveWaitOptions(options.build()))
        .registerActivitiesImplementations(wave);
    factory.start();
    log.info(
        "Cutover worker polling task queues '{}', '{}' and '{}' in namespace '{}' at {}",
        settings.getTaskQueue(),
        control,
        WaveWorkflow.waitQueue(settings.getTaskQueue()),
        client.getOptions().getNamespace(),
        client.getWorkflowServiceStubs().getOptions().getTarget());
  }

  /**
   * The main queue's worker: the SDK's slots and cache (docs/performance.md, "Many groups on one
   * worker", measured 100 groups with them), heartbeats of the read-only polls every 5 s.
   */
  public static WorkerOptions.Builder mainQueueOptions() {
    return WorkerOptions.newBuilder().setMaxHeartbeatThrottleInterval(POLL_HEARTBEATS);
  }

  /** The control queue's worker: the main queue's options, heartbeats of the writes every 2 s. */
  public static WorkerOptions controlQueueOptions(WorkerOptions main) {
    return WorkerOptions.newBuilder(main).setMaxHeartbeatThrottleInterval(WRITE_HEARTBEATS).build();
  }

  /**
   * The waves' wait queue: a wait is a sleep between two queries, so it gets slots for this many
   * running groups of all waves together.
   */
  public static final int WAVE_WAIT_SLOTS = 1000;

  public static WorkerOptions waveWaitOptions(WorkerOptions main) {
    return WorkerOptions.newBuilder(main)
        .setMaxConcurrentActivityExecutionSize(WAVE_WAIT_SLOTS)
        .build();
  }

  private static Object[] with(Object[] cutover, Object wave) {
    Object[] all = java.util.Arrays.copyOf(cutover, cutover.length + 1);
    all[cutover.length] = wave;
    return all;
  }

  public synchronized boolean isRunning() {
    return factory != null && factory.isStarted() && !factory.isShutdown();
  }

  /** Stops at once, as a crash would: in-flight activities are interrupted, nothing is drained. */
  public synchronized void kill() {
    if (factory == null) {
      return;
    }
    factory.shutdownNow();
    factory.awaitTermination(5, TimeUnit.SECONDS);
    factory = null;
    activities.close();
  }

  @PreDestroy
  public synchronized void stop() {
    if (factory == null) {
      return;
    }
    log.info("Stopping the Cutover worker (draining for up to {})", drainTimeout);
    factory.shutdown();
    factory.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!factory.isTerminated()) {
      factory.shutdownNow();
    }
    factory = null;
    activities.close();
  }
}
