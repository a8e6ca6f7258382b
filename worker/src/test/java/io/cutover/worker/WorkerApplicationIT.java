package io.cutover.worker;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.MigrationWorkflow;
import io.cutover.workflow.MigrationWorkflowOptions;
import io.cutover.workflow.model.*;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worker application as an operator runs it: Micronaut context, Temporal over gRPC (the Java
 * test server on a port), real activity implementations, /health and /prometheus.
 */
class WorkerApplicationIT {
  static TestServer.PortBoundTestServer temporal;
  static ApplicationContext ctx;
  static String http;

  @BeforeAll
  static void start() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    temporal = TestServer.createPortBoundServer(port, true /* lock time skipping: real time */);
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + port)
                .validateAndBuildWithDefaults());
    operator
        .blockingStub()
        .addSearchAttributes(
            AddSearchAttributesRequest.newBuilder()
                .setNamespace("default")
                .putSearchAttributes(
                    MigrationWorkflow.SEARCH_ATTRIBUTE, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .build());
    operator.shutdownNow();
    ctx =
        ApplicationContext.run(
            Map.of(
                "temporal.target",
                "127.0.0.1:" + port,
                "temporal.disable-sticky",
                true,
                "micronaut.server.port",
                -1));
    EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
    ctx.getBean(CutoverWorker.class).start();
    http = "http://127.0.0.1:" + server.getPort();
  }

  @AfterAll
  static void stop() {
    ctx.close();
    temporal.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(http + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthIsUpWhenTemporalAnswersAndTheWorkerPolls() throws Exception {
    HttpResponse<String> r = get("/health");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"status\":\"UP\""), r.body());
    assertTrue(r.body().contains("\"worker\":\"polling\""), r.body());
  }

  @Test
  void livenessLeavesTemporalOutWhileReadinessAsksIt() throws Exception {
    HttpResponse<String> live = get("/health/liveness");
    HttpResponse<String> ready = get("/health/readiness");

    assertEquals(200, live.statusCode(), live.body());
    assertFalse(
        live.body().contains("\"temporal\""),
        "a Temporal outage must not fail liveness: " + live.body());
    assertEquals(200, ready.statusCode(), ready.body());
    assertTrue(ready.body().contains("\"temporal\""), ready.body());
  }

  @Test
  void theWorkerRunsTheWorkflowWithTheRealActivitiesAndValidationFindsTheProblems()
      throws Exception {
    WorkflowClient client = ctx.getBean(WorkflowClient.class);
    MigrationPlan plan =
        new MigrationPlan(
            "nowhere",
            new SourceCluster("apache-kafka", List.of("127.0.0.1:1"), CredentialRef.none()),
            new DestinationCluster(
                "confluent-cloud",
                "lkc-1",
                List.of("127.0.0.1:1"),
                "http://127.0.0.1:1",
                CredentialRef.none(),
                CredentialRef.none()),
            "link",
            new GatewaySpec(
                "ns",
                "gw",
                "/nonexistent/kubeconfig",
                "",
                "kind: Gateway\n",
                "s.yaml",
                List.of("migration-route"),
                ""),
            List.of("orders"),
            Policies.defaults());
    MigrationWorkflow wf =
        client.newWorkflowStub(
            MigrationWorkflow.class,
            MigrationWorkflowOptions.forPlan(plan, MigrationWorkflow.TASK_QUEUE));
    WorkflowClient.start(wf::run, plan, null);

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(wf).getResult(3, TimeUnit.MINUTES, RunReport.class));
    String problems = ((ApplicationFailure) e.getCause()).getOriginalMessage();
    assertTrue(problems.contains("cluster link:"), problems);
    assertTrue(
        problems.contains("spec.gateway"),
        "every system is reported, not only the first: " + problems);
    assertEquals(CutoverStep.FAILED, wf.status().step());
  }

  @Test
  void prometheusExposesTemporalSdkMetrics() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String body = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = get("/prometheus");
      assertEquals(200, r.statusCode());
      body = r.body();
      if (body.contains("temporal_")) {
        break;
      }
      Thread.sleep(500);
    }
    assertTrue(
        body.contains("temporal_"),
        "Temporal SDK metrics are exported: " + body.lines().limit(5).toList());
    assertTrue(body.contains("jvm_memory_used_bytes"), "JVM metrics too");
  }
}
