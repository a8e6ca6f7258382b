package io.cutover.worker;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.util.Duration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The Temporal connection shared by the worker and the CLI. */
@Factory
public class TemporalClientFactory {

  /**
   * Where Temporal is: the standard client configuration (TEMPORAL_ADDRESS, TEMPORAL_PROFILE, ...),
   * with {@code temporal.target} and {@code temporal.namespace} as the last fallback.
   */
  @Singleton
  TemporalEnvironment.Connection connection(TemporalSettings settings) {
    return TemporalEnvironment.resolve(
        System.getenv(), settings.getTarget(), settings.getNamespace());
  }

  @Singleton
  @Bean(preDestroy = "shutdown")
  @Requires(missingBeans = WorkflowServiceStubs.class)
  WorkflowServiceStubs serviceStubs(
      TemporalEnvironment.Connection connection, Optional<MeterRegistry> meters) {
    WorkflowServiceStubsOptions.Builder options = connection.stubOptions(connection.address());
    meters.ifPresent(registry -> options.setMetricsScope(metricsScope(registry)));
    return WorkflowServiceStubs.newServiceStubs(options.build());
  }

  @Singleton
  @Requires(missingBeans = WorkflowClient.class)
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs, TemporalEnvironment.Connection connection) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(connection.namespace())
            .setIdentity(identity())
            .build());
  }

  /**
   * Asks the frontend about {@code namespace}: the check that also works on Temporal Cloud, whose
   * API keys are refused the un-namespaced gRPC health service.
   *
   * @throws io.grpc.StatusRuntimeException when the frontend does not answer or refuses
   */
  public static void describeNamespace(WorkflowServiceStubs stubs, String namespace) {
    stubs
        .blockingStub()
        .withDeadlineAfter(10, java.util.concurrent.TimeUnit.SECONDS)
        .describeNamespace(
            io.temporal.api.workflowservice.v1.DescribeNamespaceRequest.newBuilder()
                .setNamespace(namespace)
                .build());
  }

  /**
   * Temporal SDK metrics (workflow/activity task latencies, failures) into the Prometheus registry.
   */
  static Scope metricsScope(MeterRegistry registry) {
    return new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(Duration.ofSeconds(10));
  }

  static String identity() {
    String user = System.getProperty("user.name", "unknown");
    String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
    return "cutover:" + user + "@" + host;
  }
}
