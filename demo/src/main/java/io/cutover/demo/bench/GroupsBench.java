package io.cutover.demo.bench;

import io.cutover.activities.support.Heartbeat;
import io.cutover.activities.wave.WaveActivitiesImpl;
import io.cutover.worker.CutoverWorker;
import io.cutover.workflow.MigrationWorkflow;
import io.cutover.workflow.MigrationWorkflowImpl;
import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.Policies;
import io.cutover.workflow.model.PolicyCatalog;
import io.cutover.workflow.wave.GroupPhase;
import io.cutover.workflow.wave.WavePlan;
import io.cutover.workflow.wave.WaveStatus;
import io.cutover.workflow.wave.WaveStep;
import io.cutover.workflow.wave.WaveWorkflow;
import io.cutover.workflow.wave.WaveWorkflowImpl;
import io.cutover.workflow.wave.WaveWorkflowOptions;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Many groups at once on one worker: one wave of {@code count} groups, all started together, on
 * Temporal's in-process test server with the worker's production options and {@link PacedSystems}.
 * Some groups meet an unrouted producer and roll back while the rest hold their slots in lag waits:
 * their unfence must not queue behind those polls. A second execute of the wave completes them.
 */
final class GroupsBench implements AutoCloseable {
  /**
   * @param latencies schedule-to-start latency per activity type: {p50, p99, max, count}
   * @param groupEvents the largest group history's events (latest run)
   * @param groupBytes the largest group history's bytes (latest run)
   * @param waveEvents the wave's largest run's events
   */
  record Figures(
      int count,
      int completed,
      long p50StepMs,
      long p99StepMs,
      long p99UnfenceMs,
      long heapMb,
      double cpuS,
      long wallMs,
      long groupEvents,
      long groupBytes,
      long waveEvents,
      Map<String, long[]> latencies) {
    String line() {
      return String.format(
          "GROUPS count=%d completed=%d p50_step_latency_ms=%d p99_step_latency_ms=%d"
              + " p99_unfence_wait_ms=%d heap_mb=%d cpu_s=%.1f wall_s=%.1f group_history_events=%d"
              + " group_history_bytes=%d wave_history_events=%d",
          count,
          completed,
          p50StepMs,
          p99StepMs,
          p99UnfenceMs,
          heapMb,
          cpuS,
          wallMs / 1000.0,
          groupEvents,
          groupBytes,
          waveEvents);
    }
  }

  private final TestWorkflowEnvironment env;
  private final WorkflowClient client;
  private final PacedSystems systems;
  private final int count;
  private final int rogue;

  GroupsBench(int count, int rogue, Duration lagDrain) {
    this.count = count;
    this.rogue = rogue;
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    env.registerSearchAttribute(
        MigrationWorkflow.SEARCH_ATTRIBUTE, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute(
        WaveWorkflow.SEARCH_ATTRIBUTE, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    client = env.getWorkflowClient();
    systems = new PacedSystems(lagDrain);
    Object cutover = systems.activities();
    WaveActivitiesImpl wave =
        new WaveActivitiesImpl(
            client, WaveActivitiesImpl.DEFAULT_POLL_INTERVAL, Heartbeat.TEMPORAL);
    WorkerOptions main = CutoverWorker.mainQueueOptions().build();
    var worker = env.newWorker(MigrationWorkflow.TASK_QUEUE, main);
    worker.registerWorkflowImplementationTypes(MigrationWorkflowImpl.class, WaveWorkflowImpl.class);
    worker.registerActivitiesImplementations(cutover, wave);
    env.newWorker(
            MigrationWorkflow.controlQueue(MigrationWorkflow.TASK_QUEUE),
            CutoverWorker.controlQueueOptions(main))
        .registerActivitiesImplementations(cutover, wave);
    env.newWorker(
            WaveWorkflow.waitQueue(MigrationWorkflow.TASK_QUEUE),
            CutoverWorker.waveWaitOptions(main))
        .registerActivitiesImplementations(wave);
    env.start();
  }

  @Override
  public void close() {
    env.close();
  }

  Figures run() {
    List<WavePlan.WaveGroup> groups = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      MigrationPlan plan = plan(String.format("g%03d", i));
      groups.add(new WavePlan.WaveGroup(plan.name(), plan, List.of()));
      if (i % Math.max(1, count / Math.max(1, rogue)) == 0 && systems.rogue.size() < rogue) {
        systems.rogue.add(plan.workflowId());
      }
    }
    WavePlan plan =
        new WavePlan(
            "bench",
            count,
            WavePlan.FailurePolicy.CONTINUE,
            WavePlan.ApprovalMode.GROUP,
            null,
            groups);
    resetPeaks();
    long cpu0 = cpuNanos();
    long t0 = System.nanoTime();
    WaveWorkflow start =
        client.newWorkflowStub(
            WaveWorkflow.class, WaveWorkflowOptions.forPlan(plan, MigrationWorkflow.TASK_QUEUE));
    WorkflowClient.start(start::run, plan, null);
    WaveWorkflow wf = client.newWorkflowStub(WaveWorkflow.class, plan.workflowId());
    await(wf, s -> s.step() == WaveStep.AWAIT_EXECUTE, Duration.ofMinutes(5));
    wf.execute(io.cutover.workflow.model.Actor.of("bench", "attempt 1"));
    WaveStatus first =
        await(
            wf,
            s ->
                s.step() == WaveStep.DONE
                    || (s.step() == WaveStep.AWAIT_EXECUTE && s.attempt() == 1),
            Duration.ofMinutes(20));
    WaveStatus end = first;
    if (first.step() != WaveStep.DONE) {
      wf.execute(
          io.cutover.workflow.model.Actor.of("bench", "attempt 2: the rogue producers stopped"));
      end =
          await(
              wf,
              s ->
                  s.step() == WaveStep.DONE
                      || (s.step() == WaveStep.AWAIT_EXECUTE && s.attempt() == 2),
              Duration.ofMinutes(20));
    }
    long wall = (System.nanoTime() - t0) / 1_000_000;
    double cpu = (cpuNanos() - cpu0) / 1e9;
    int completed =
        (int) end.groups().stream().filter(r -> r.group().phase() == GroupPhase.DONE).count();
    Map<String, long[]> per = new TreeMap<>();
    List<Long> all = new ArrayList<>();
    systems.latencies.forEach(
        (k, v) -> {
          per.put(k, percentiles(v));
          all.addAll(v);
        });
    long[] overall = percentiles(all);
    long[] unfence = per.getOrDefault("unfenceRoutes", new long[] {0, 0, 0, 0});
    long groupEvents = 0;
    long groupBytes = 0;
    for (WavePlan.WaveGroup g : groups) {
      List<HistoryEvent> h = client.fetchHistory(g.plan().workflowId()).getEvents();
      groupEvents = Math.max(groupEvents, h.size());
      groupBytes =
          Math.max(groupBytes, h.stream().mapToLong(HistoryEvent::getSerializedSize).sum());
    }
    long waveEvents = largestRun(plan.workflowId());
    return new Figures(
        count,
        completed,
        overall[0],
        overall[1],
        unfence[1],
        peakHeapMb(),
        cpu,
        wall,
        groupEvents,
        groupBytes,
        waveEvents,
        per);
  }

  /** Events of the largest run of a continue-as-new chain, walked back from its latest run. */
  private long largestRun(String workflowId) {
    List<HistoryEvent> run = client.fetchHistory(workflowId).getEvents();
    long largest = 0;
    while (true) {
      largest = Math.max(largest, run.size());
      String previous =
          run.get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
      if (previous.isEmpty()) {
        return largest;
      }
      run = client.fetchHistory(workflowId, previous).getEvents();
    }
  }

  /** {p50, p99, max, count}; zeros when empty. */
  static long[] percentiles(List<Long> values) {
    if (values.isEmpty()) {
      return new long[] {0, 0, 0, 0};
    }
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return new long[] {
      sorted.get((n - 1) / 2), sorted.get((int) Math.ceil(0.99 * n) - 1), sorted.get(n - 1), n
    };
  }

  private WaveStatus await(WaveWorkflow wf, Predicate<WaveStatus> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      WaveStatus s = wf.status();
      if (done.test(s)) {
        return s;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("the wave did not get there; it is at " + wf.status().step());
  }

  private static MigrationPlan plan(String name) {
    List<String> topics =
        List.of(name + "-t0", name + "-t1", name + "-t2", name + "-t3", name + "-t4");
    Policies policies =
        Policies.defaults()
            .with(PolicyCatalog.LAG_THRESHOLD, 100L)
            .with(PolicyCatalog.DETECT_UNROUTED_PRODUCERS_DURATION, Duration.ofSeconds(10))
            .with(PolicyCatalog.STRANDED_WRITES_WATCH_DURATION, Duration.ZERO)
            .with(PolicyCatalog.FENCE_ERROR_CODE, FenceErrorCode.NOT_LEADER_OR_FOLLOWER);
    return BenchPlans.plan(name, topics, policies, "kind: Gateway\n", name + "-route");
  }

  private static void resetPeaks() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** The heap's peak use since {@link #resetPeaks}: the worker and the in-process test server. */
  private static long peakHeapMb() {
    long bytes = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        bytes += p.getPeakUsage().getUsed();
      }
    }
    return bytes / (1024 * 1024);
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
