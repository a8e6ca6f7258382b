package io.cutover.demo.bench;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.MigrationWorkflow;
import io.cutover.workflow.MigrationWorkflowImpl;
import io.cutover.workflow.MigrationWorkflowOptions;
import io.cutover.workflow.model.*;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs the real migration workflow on Temporal's time-skipping test server against {@link
 * SizedSystems} and measures its history: one clean attempt, 24 hours in WAIT_FOR_LAG, many
 * rolled-back attempts. Sizes are protobuf bytes, the measure the server's limits use.
 */
final class HistoryBench implements AutoCloseable {
  /**
   * @param events events of the largest run, or of the measured span
   * @param bytes bytes of the largest run, or of the measured span
   * @param runEvents events of the largest whole run of the chain
   * @param runBytes bytes of the largest whole run of the chain
   */
  record Figures(
      String scenario,
      int topics,
      long events,
      long bytes,
      long largestPayload,
      int runs,
      long runEvents,
      long runBytes) {
    String line() {
      return "HISTORY topics="
          + topics
          + " scenario="
          + scenario
          + " events="
          + events
          + " bytes="
          + bytes
          + " largest_payload="
          + largestPayload
          + " runs="
          + runs;
    }
  }

  private final TestWorkflowEnvironment env;
  private final WorkflowClient client;
  private final SizedSystems fake;
  private final int topics;
  private int started;

  HistoryBench(int topics) {
    this.topics = topics;
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(true).build());
    env.registerSearchAttribute(
        MigrationWorkflow.SEARCH_ATTRIBUTE, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    fake = new SizedSystems(SizedSystems.topicNames(topics));
    Worker worker =
        env.newWorker(
            MigrationWorkflow.TASK_QUEUE,
            WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build());
    worker.registerWorkflowImplementationTypes(MigrationWorkflowImpl.class);
    worker.registerActivitiesImplementations(fake);
    env.newWorker(MigrationWorkflow.controlQueue(MigrationWorkflow.TASK_QUEUE))
        .registerActivitiesImplementations(fake);
    env.start();
    client = env.getWorkflowClient();
  }

  @Override
  public void close() {
    env.close();
  }

  /**
   * Start + init VALIDATE + one clean attempt (pause, a 10 s detection window, an approval), for a
   * manifest that names no topics (every mirror on the link, by reference) or, {@code listed}, one
   * that lists them all (the names travel in the plan and in the requests over the whole set).
   */
  Figures cleanAttempt(boolean listed) {
    MigrationWorkflow wf = start(policies(true, true), listed ? fake.topicNames() : List.of());
    wf.approve(Actor.of("bench", "CHG-1"));
    wf.execute(new ExecuteRequest("bench", null));
    awaitStep(wf, s -> s.step() == CutoverStep.DONE);
    return measureChain(listed ? "attempt-listed" : "attempt", wf, null);
  }

  /** What 24 hours of WAIT_FOR_LAG add: the events from entering the step to leaving it. */
  Figures waitingADay() {
    MigrationWorkflow wf = start(policies(false, false), List.of());
    fake.lagFor(Duration.ofHours(24));
    wf.execute(new ExecuteRequest("bench", null));
    awaitStep(wf, s -> s.step() == CutoverStep.DONE);
    return measureChain("wait-24h", wf, CutoverStep.WAIT_FOR_LAG);
  }

  /** Attempts that each wait for approval and are rolled back. */
  Figures rolledBackAttempts(int attempts) {
    MigrationWorkflow wf = start(policies(false, true), List.of());
    for (int i = 1; i <= attempts; i++) {
      int attempt = i;
      wf.execute(new ExecuteRequest("bench", null));
      awaitStep(wf, s -> s.attempt() == attempt && s.step() == CutoverStep.AWAIT_APPROVAL);
      wf.rollback(Actor.of("bench", "attempt " + attempt));
      awaitStep(wf, s -> s.attempt() == attempt && s.step() == CutoverStep.ROLLED_BACK);
    }
    return measureChain("rollbacks-" + attempts, wf, null);
  }

  private MigrationWorkflow start(Policies policies, List<String> listed) {
    started++;
    MigrationPlan plan =
        BenchPlans.plan("bench-" + started, listed, policies, "x".repeat(1200), "migration-route");
    MigrationWorkflow typed =
        client.newWorkflowStub(
            MigrationWorkflow.class,
            MigrationWorkflowOptions.forPlan(plan, MigrationWorkflow.TASK_QUEUE));
    WorkflowClient.start(typed::run, plan, null);
    MigrationWorkflow wf = client.newWorkflowStub(MigrationWorkflow.class, plan.workflowId());
    awaitStep(wf, s -> s.step() == CutoverStep.AWAIT_EXECUTE);
    return wf;
  }

  /**
   * A lag threshold above 0, so WAIT_FOR_LAG (threshold 100) and PROMOTE's zero-lag check differ.
   */
  private static Policies policies(boolean pauseAndDetect, boolean approval) {
    return Policies.defaults()
        .with(PolicyCatalog.LAG_THRESHOLD, 100L)
        .with(
            PolicyCatalog.DETECT_UNROUTED_PRODUCERS_DURATION,
            pauseAndDetect ? Duration.ofSeconds(10) : Duration.ZERO)
        .with(PolicyCatalog.PAUSE_CONSUMER_OFFSET_SYNC, pauseAndDetect)
        .with(PolicyCatalog.REQUIRE_APPROVAL, approval)
        .with(PolicyCatalog.FENCE_ERROR_CODE, FenceErrorCode.NOT_LEADER_OR_FOLLOWER);
  }

  private void awaitStep(MigrationWorkflow wf, Predicate<MigrationStatus> done) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline) {
      if (done.test(wf.status())) {
        return;
      }
      env.sleep(Duration.ofSeconds(1)); // lets the test server skip workflow timers meanwhile
    }
    throw new IllegalStateException(
        "the benchmark's workflow did not get there; status " + wf.status().step());
  }

  /**
   * Walks the continue-as-new chain back from its latest run (each run's start event names the run
   * it continues). Events and bytes are of the largest run, or, with {@code span}, of the events
   * from entering that step to leaving it.
   */
  private Figures measureChain(String scenario, MigrationWorkflow wf, CutoverStep span) {
    String id = WorkflowStub.fromTyped(wf).getExecution().getWorkflowId();
    List<HistoryEvent> list = client.fetchHistory(id).getEvents();
    long events = 0;
    long bytes = 0;
    long runEvents = 0;
    long runBytes = 0;
    long largest = 0;
    int runs = 0;
    while (true) {
      runs++;
      List<HistoryEvent> counted = span == null ? list : within(list, span);
      events = Math.max(events, counted.size());
      bytes = Math.max(bytes, counted.stream().mapToLong(HistoryEvent::getSerializedSize).sum());
      runEvents = Math.max(runEvents, list.size());
      runBytes = Math.max(runBytes, list.stream().mapToLong(HistoryEvent::getSerializedSize).sum());
      for (HistoryEvent e : counted) {
        largest = Math.max(largest, largestPayload(e));
      }
      String previous =
          list.get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
      if (previous.isEmpty()) {
        return new Figures(scenario, topics, events, bytes, largest, runs, runEvents, runBytes);
      }
      list = client.fetchHistory(id, previous).getEvents();
    }
  }

  /** The events from the upsert that entered {@code step} to the next step's upsert. */
  private static List<HistoryEvent> within(List<HistoryEvent> list, CutoverStep step) {
    List<HistoryEvent> out = new ArrayList<>();
    boolean in = false;
    for (HistoryEvent e : list) {
      if (e.getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES) {
        String value =
            e.getUpsertWorkflowSearchAttributesEventAttributes()
                .getSearchAttributes()
                .getIndexedFieldsMap()
                .get(MigrationWorkflow.SEARCH_ATTRIBUTE)
                .getData()
                .toStringUtf8();
        boolean entering = value.contains(step.name());
        if (in && !entering) {
          break;
        }
        in = in || entering;
      }
      if (in) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * The largest {@code Payload} anywhere in a message: the unit the server's blob limit applies to.
   */
  static long largestPayload(Message m) {
    long max = 0;
    for (var field : m.getAllFields().entrySet()) {
      FieldDescriptor f = field.getKey();
      if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      List<?> values = f.isRepeated() ? (List<?>) field.getValue() : List.of(field.getValue());
      for (Object v : values) {
        if (v instanceof Payload p) {
          max = Math.max(max, p.getSerializedSize());
        } else if (v instanceof Message inner) {
          max = Math.max(max, largestPayload(inner));
        }
      }
    }
    return max;
  }
}
