package io.cutover.demo;

import io.cutover.manifest.ManifestException;
import io.cutover.manifest.ManifestParser;
import io.cutover.manifest.ManifestPlans;
import io.cutover.sandbox.Sandbox;
import io.cutover.worker.CutoverActivities;
import io.cutover.worker.CutoverSettings;
import io.cutover.worker.CutoverWorker;
import io.cutover.worker.TemporalSettings;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.MigrationWorkflow;
import io.cutover.workflow.MigrationWorkflowOptions;
import io.cutover.workflow.model.ExecuteRequest;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.PolicyOverrides;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A cutover rehearsal: the sandbox, Temporal's test server on a local port, and a Cutover worker
 * with the real activities, wired as in production. Used by {@code cutover demo} and the end-to-end
 * tests.
 */
public final class Rehearsal implements AutoCloseable {
  private final Sandbox sandbox;
  private final TestServer.PortBoundTestServer temporal;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final TemporalSettings settings = new TemporalSettings();
  private final CutoverSettings cutoverSettings = new CutoverSettings();
  private final MigrationPlan plan;
  private final String target;
  private CutoverActivities activities;
  private CutoverWorker worker;

  private Rehearsal(Sandbox sandbox, boolean productionSettings, int temporalPort)
      throws IOException {
    this.sandbox = sandbox;
    int port = temporalPort;
    if (port == 0) {
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
    }
    temporal = TestServer.createPortBoundServer(port, true /* lock time skipping: real time */);
    this.target = "127.0.0.1:" + port;
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    DevCommand.registerSearchAttribute(target);
    client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
    settings.setTarget(target);
    // Temporal's test server never times out a dead worker's sticky queue, so the end-to-end
    // tests that kill the worker run without the cache; with it off every workflow task replays
    // the whole history, 60-200 ms a task in a fenced window (docs/performance.md), so the demo
    // and the benchmark keep it on, as the worker does.
    settings.setDisableSticky(!productionSettings);
    if (!productionSettings) {
      cutoverSettings.getRest().setPollInterval(Duration.ofSeconds(1));
    }
    try {
      plan = ManifestPlans.toPlan(new ManifestParser(Map.of()).parse(sandbox.manifest()));
    } catch (ManifestException e) {
      throw new IllegalStateException(
          "the sandbox wrote a manifest Cutover refuses: " + e.getMessage(), e);
    }
    startWorker();
  }

  /**
   * Starts everything, polling REST every second (the worker's default is 5 s) so that the
   * end-to-end tests run faster; the caller closes it. {@code cutover demo} and {@code cutover
   * bench fenced} use the worker's own intervals.
   */
  public static Rehearsal start(Sandbox.Options options) {
    return start(options, false);
  }

  /**
   * Starts everything; the caller closes it.
   *
   * @param productionSettings the worker's own settings (its poll intervals, its sticky workflow
   *     cache), as {@code cutover demo} shows them and {@code cutover bench fenced} measures them
   */
  public static Rehearsal start(Sandbox.Options options, boolean productionSettings) {
    return start(options, productionSettings, 0);
  }

  /**
   * Starts everything with Temporal's test server on {@code temporalPort} (0: any free port), so
   * that the CLI in another terminal can reach it ({@code cutover sandbox}).
   */
  public static Rehearsal start(
      Sandbox.Options options, boolean productionSettings, int temporalPort) {
    Sandbox sandbox = Sandbox.start(options);
    try {
      return new Rehearsal(sandbox, productionSettings, temporalPort);
    } catch (IOException | RuntimeException e) {
      sandbox.close();
      throw new IllegalStateException("the rehearsal did not start: " + e.getMessage(), e);
    }
  }

  public Sandbox sandbox() {
    return sandbox;
  }

  /** Where Temporal's test server answers: {@code 127.0.0.1:<port>}. */
  public String temporalTarget() {
    return target;
  }

  public WorkflowClient client() {
    return client;
  }

  public MigrationPlan plan() {
    return plan;
  }

  public MigrationWorkflow workflow() {
    return client.newWorkflowStub(MigrationWorkflow.class, plan.workflowId());
  }

  /** {@code cutover init}: starts the workflow and waits for VALIDATE to finish. */
  public MigrationStatus init(Duration timeout) {
    MigrationWorkflow wf =
        client.newWorkflowStub(
            MigrationWorkflow.class,
            MigrationWorkflowOptions.forPlan(plan, settings.getTaskQueue()));
    WorkflowClient.start(wf::run, plan, null);
    return await(s -> s.step() != CutoverStep.VALIDATE, timeout, s -> {});
  }

  public void execute(PolicyOverrides overrides) {
    workflow().execute(new ExecuteRequest("rehearsal", overrides));
  }

  /** Polls status until {@code done} or the timeout (then the last status). */
  public MigrationStatus await(
      Predicate<MigrationStatus> done, Duration timeout, Consumer<MigrationStatus> onEach) {
    long deadline = System.nanoTime() + timeout.toNanos();
    MigrationStatus s = workflow().status();
    while (!done.test(s) && System.nanoTime() < deadline) {
      onEach.accept(s);
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return s;
      }
      s = workflow().status();
    }
    onEach.accept(s);
    return s;
  }

  public synchronized void startWorker() {
    activities = new CutoverActivities(cutoverSettings);
    worker = new CutoverWorker(client, settings, activities, Duration.ofSeconds(5), "");
    worker.start();
  }

  /**
   * Kills the worker as a crash would (no drain): in-flight activities are abandoned mid-way. Only
   * without the sticky cache (the end-to-end tests' settings): the test server would keep the dead
   * worker's workflow tasks on its sticky queue.
   */
  public synchronized void killWorker() {
    if (!settings.isDisableSticky()) {
      throw new IllegalStateException(
          "killWorker needs a rehearsal started without production settings (sticky cache off):"
              + " Temporal's test server never hands a dead worker's sticky tasks to another");
    }
    worker.kill();
  }

  @Override
  public synchronized void close() {
    if (worker != null) {
      worker.kill();
    }
    stubs.shutdownNow();
    temporal.close();
    sandbox.close();
  }
}
