package io.cutover.activities.wave;

import static org.junit.jupiter.api.Assertions.fail;

import io.cutover.activities.support.Heartbeat;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.MigrationWorkflow;
import io.cutover.workflow.MigrationWorkflowImpl;
import io.cutover.workflow.Plans;
import io.cutover.workflow.RetiredEnvironments;
import io.cutover.workflow.model.Actor;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.Policies;
import io.cutover.workflow.wave.GroupPhase;
import io.cutover.workflow.wave.GroupState;
import io.cutover.workflow.wave.WavePlan;
import io.cutover.workflow.wave.WaveStatus;
import io.cutover.workflow.wave.WaveStep;
import io.cutover.workflow.wave.WaveWorkflow;
import io.cutover.workflow.wave.WaveWorkflowImpl;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the wave scenario tests: an in-process Temporal test server, the real wave and group
 * workflows, the real {@link WaveActivitiesImpl} on the test server's client, and one {@link
 * io.cutover.workflow.FakeSystems} per group behind the cutover activities.
 */
abstract class WaveScenario {
  static final String QUEUE = MigrationWorkflow.TASK_QUEUE;
  private static final RetiredEnvironments RETIRED = new RetiredEnvironments();

  protected TestWorkflowEnvironment env;
  protected WorkflowClient client;
  protected final GroupFakes fakes = new GroupFakes();

  /** The run id of the wave's first run (it continues as new at rest). */
  protected String firstRunId;

  /** Time skipping: a wave waits on timers (the change window) the tests must not sit out. */
  protected boolean timeSkipping() {
    return true;
  }

  @BeforeEach
  void startEnvironment() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(timeSkipping()).build());
    env.registerSearchAttribute(
        MigrationWorkflow.SEARCH_ATTRIBUTE, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute(
        WaveWorkflow.SEARCH_ATTRIBUTE, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    client = env.getWorkflowClient();
    WorkerOptions options =
        WorkerOptions.newBuilder()
            .setMaxHeartbeatThrottleInterval(Duration.ofMillis(50))
            .setDefaultHeartbeatThrottleInterval(Duration.ofMillis(50))
            .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
            .build();
    Object cutover = fakes.activities();
    WaveActivitiesImpl wave =
        new WaveActivitiesImpl(client, Duration.ofMillis(50), Heartbeat.TEMPORAL);
    Worker main = env.newWorker(QUEUE, options);
    main.registerWorkflowImplementationTypes(MigrationWorkflowImpl.class, WaveWorkflowImpl.class);
    main.registerActivitiesImplementations(cutover, wave);
    env.newWorker(MigrationWorkflow.controlQueue(QUEUE), options)
        .registerActivitiesImplementations(cutover, wave);
    env.newWorker(WaveWorkflow.waitQueue(QUEUE), options).registerActivitiesImplementations(wave);
    env.start();
  }

  @AfterEach
  void stopEnvironment() {
    RETIRED.retire(env);
  }

  @AfterAll
  static void closeEnvironments() {
    RETIRED.closeAll();
  }

  /** A group with its own fake systems and two topics of its own. */
  protected WavePlan.WaveGroup group(String name, Policies policies, String... after) {
    List<String> topics = List.of(name + "-1", name + "-2");
    fakes.add(name, topics);
    MigrationPlan plan = Plans.plan(name, topics, policies);
    return new WavePlan.WaveGroup(name, plan, List.of(after));
  }

  protected WavePlan.WaveGroup group(String name, String... after) {
    return group(name, Plans.DEFAULTS, after);
  }

  protected static WavePlan wave(
      int concurrency, WavePlan.FailurePolicy onFailure, WavePlan.WaveGroup... groups) {
    return new WavePlan(
        "w", concurrency, onFailure, WavePlan.ApprovalMode.GROUP, null, List.of(groups));
  }

  /** Starts the wave and waits until every group validated. */
  protected WaveWorkflow start(WavePlan plan) {
    WaveWorkflow wf =
        client.newWorkflowStub(
            WaveWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(plan.workflowId())
                .setTaskQueue(QUEUE)
                .build());
    firstRunId = WorkflowClient.start(wf::run, plan, null).getRunId();
    WaveWorkflow byId = client.newWorkflowStub(WaveWorkflow.class, plan.workflowId());
    awaitWave(byId, s -> s.step() != WaveStep.VALIDATE, "the groups validated");
    return byId;
  }

  protected static Actor alice() {
    return Actor.of("alice", "wave test");
  }

  protected MigrationWorkflow groupStub(String name) {
    return client.newWorkflowStub(MigrationWorkflow.class, MigrationPlan.workflowIdFor(name));
  }

  protected MigrationStatus groupStatus(String name) {
    return groupStub(name).progress();
  }

  protected static GroupState row(WaveStatus s, String name) {
    return s.groups().stream()
        .map(WaveStatus.Row::group)
        .filter(g -> g.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  protected static String waiting(WaveStatus s, String name) {
    return s.groups().stream()
        .filter(r -> r.group().name().equals(name))
        .findFirst()
        .orElseThrow()
        .waitingFor();
  }

  protected static List<GroupPhase> phases(WaveStatus s) {
    List<GroupPhase> p = new ArrayList<>();
    s.groups().forEach(r -> p.add(r.group().phase()));
    return p;
  }

  /** Polls the wave's status in real time (the workers run in real time between timers). */
  protected static WaveStatus awaitWave(WaveWorkflow wf, Predicate<WaveStatus> until, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    WaveStatus s = null;
    while (System.nanoTime() < deadline) {
      s = wf.status();
      if (until.test(s)) {
        return s;
      }
      sleep(50);
    }
    fail("timed out waiting for " + what + "; last status: " + s);
    return s;
  }

  protected MigrationStatus awaitGroup(String name, CutoverStep step) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    MigrationStatus s = null;
    while (System.nanoTime() < deadline) {
      try {
        s = groupStatus(name);
        if (s.step() == step) {
          return s;
        }
      } catch (RuntimeException notYet) {
        // not started yet
      }
      sleep(50);
    }
    fail("timed out waiting for group " + name + " at " + step + "; last: " + s);
    return s;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
