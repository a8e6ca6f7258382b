package io.cutover.demo;

import io.cutover.cli.CliException;
import io.cutover.cli.ExitCodes;
import io.cutover.cli.ShutdownHooks;
import io.cutover.worker.CutoverActivities;
import io.cutover.worker.CutoverWorker;
import io.cutover.worker.TemporalSettings;
import io.cutover.workflow.MigrationWorkflow;
import io.micronaut.context.annotation.Prototype;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Prototype
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    header = "Runs an in-memory Temporal server and a worker, to try things.",
    description = {
      "Runs a local Temporal server (Temporal's in-memory Java test server) and a Cutover worker on it, for"
          + " trying Cutover without Docker. NOT durable: everything is lost when it stops. No Web UI.",
      "For a real server with the Web UI use `docker compose up` (docs/runbook.md)."
    },
    footer = {
      "%nExample:",
      "  cutover dev --port 7233 &",
      "  cutover init -f migration.yaml",
      ExitCodes.HELP
    })
public class DevCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "7233",
      description = "gRPC port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--namespace",
      paramLabel = "NAME",
      defaultValue = "default",
      description = "Namespace (the test server has only default).")
  String namespace;

  private final Provider<CutoverActivities> activities;
  private final CountDownLatch stopped = new CountDownLatch(1);

  /** The activities (and their clients) are built only when dev actually runs. */
  public DevCommand(Provider<CutoverActivities> activities) {
    this.activities = activities;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    var server = startServer();
    String target = "127.0.0.1:" + port;
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    CutoverWorker worker = null;
    // Whatever fails from here on, the server and the worker stop: a test (or an embedding) goes
    // on.
    try {
      registerSearchAttribute(target);
      WorkflowClient client =
          WorkflowClient.newInstance(
              stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
      TemporalSettings settings = new TemporalSettings();
      settings.setTarget(target);
      settings.setNamespace(namespace);
      settings.setDisableSticky(
          true); // the test server never releases a dead worker's sticky queue
      worker = new CutoverWorker(client, settings, activities.get(), Duration.ofSeconds(10), "");
      worker.start();
      serve(out, target, settings.getTaskQueue(), t0);
    } finally {
      if (worker != null) {
        worker.stop();
      }
      stubs.shutdownNow();
      server.close();
    }
    return ExitCodes.OK;
  }

  private TestServer.PortBoundTestServer startServer() {
    try {
      return TestServer.createPortBoundServer(port, true /* lock time skipping: real time */);
    } catch (RuntimeException e) {
      if (portTaken(e)) {
        throw new CliException(
            ExitCodes.FAILED,
            "port "
                + port
                + " is in use: is another `cutover dev` or a"
                + " Temporal server running? Use it (it answers on 127.0.0.1:"
                + port
                + "), stop it, or start dev"
                + " on another port with --port (and point --temporal / TEMPORAL_ADDRESS at it).");
      }
      throw e;
    }
  }

  /** A BindException, or netty's native one, which says so only in its message. */
  static boolean portTaken(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof java.net.BindException
          || String.valueOf(c.getMessage()).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }

  private void serve(PrintWriter out, String target, String taskQueue, long t0)
      throws InterruptedException {
    out.printf(
        "Temporal dev server on %s (namespace %s) with a Cutover worker on task queue %s, ready in %d ms.%n",
        target, namespace, taskQueue, (System.nanoTime() - t0) / 1_000_000);
    out.println(
        "⚠ This is Temporal's in-memory Java test server: NOT durable (stopping it loses every migration),"
            + " no Web UI, no list queries beyond the basics. Use it to try Cutover, never for a real cutover.");
    out.println("Ctrl+C stops it.");
    out.flush();
    Thread hook = ShutdownHooks.add(stopped::countDown);
    try {
      stopped.await(); // until Ctrl+C (or, in tests, an interrupt)
    } finally {
      ShutdownHooks.remove(hook);
    }
  }

  /** The workflow upserts CutoverStep; Temporal refuses an unregistered search attribute. */
  public static void registerSearchAttribute(String target) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target)
                .validateAndBuildWithDefaults());
    try {
      operator
          .blockingStub()
          .addSearchAttributes(
              AddSearchAttributesRequest.newBuilder()
                  .setNamespace("default")
                  .putSearchAttributes(
                      MigrationWorkflow.SEARCH_ATTRIBUTE,
                      IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                  .putSearchAttributes(
                      io.cutover.workflow.wave.WaveWorkflow.SEARCH_ATTRIBUTE,
                      IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                  .build());
    } finally {
      operator.shutdownNow();
    }
  }
}
