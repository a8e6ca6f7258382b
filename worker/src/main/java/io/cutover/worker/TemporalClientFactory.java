package io.cutover.worker;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.util.Duration;
import jakarta.inject.Singleton;
import java.io.File;
import java.io.IOException;
import java.util.Optional;

/** The Temporal connection shared by the worker and the CLI. */
@Factory
public class TemporalClientFactory {

  @Singleton
  @Bean(preDestroy = "shutdown")
  @Requires(missingBeans = WorkflowServiceStubs.class)
  WorkflowServiceStubs serviceStubs(TemporalSettings settings, Optional<MeterRegistry> meters) {
    WorkflowServiceStubsOptions.Builder options = stubOptions(settings, settings.getTarget());
    meters.ifPresent(registry -> options.setMetricsScope(metricsScope(registry)));
    return WorkflowServiceStubs.newServiceStubs(options.build());
  }

  /** The connection settings (API key, TLS, mTLS) the worker and the CLI share. */
  public static WorkflowServiceStubsOptions.Builder stubOptions(TemporalSettings settings, String target) {
    WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder().setTarget(target);
    if (!settings.getApiKey().isEmpty()) {
      String key = settings.getApiKey();
      options.addApiKey(() -> key);
      options.setEnableHttps(true);
    }
    if (settings.getTls().isEnabled()) {
      options.setSslContext(sslContext(settings.getTls()));
    }
    return options;
  }

  @Singleton
  @Requires(missingBeans = WorkflowClient.class)
  WorkflowClient workflowClient(WorkflowServiceStubs stubs, TemporalSettings settings) {
    return WorkflowClient.newInstance(stubs,
        WorkflowClientOptions.newBuilder().setNamespace(settings.getNamespace()).setIdentity(identity()).build());
  }

  /** Temporal SDK metrics (workflow/activity task latencies, failures) into the Prometheus registry. */
  static Scope metricsScope(MeterRegistry registry) {
    return new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(Duration.ofSeconds(10));
  }

  private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext(TemporalSettings.Tls tls) {
    try {
      SslContextBuilder b = GrpcSslContexts.forClient();
      if (!tls.getServerCa().isEmpty()) {
        b.trustManager(new File(tls.getServerCa()));
      }
      if (!tls.getClientCert().isEmpty()) {
        b.keyManager(new File(tls.getClientCert()), new File(tls.getClientKey()));
      }
      return b.build();
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("temporal.tls: cannot build the TLS context from client-cert="
          + tls.getClientCert() + ", server-ca=" + tls.getServerCa() + ": " + e.getMessage()
          + " (check that the files exist and are PEM)", e);
    }
  }

  static String identity() {
    String user = System.getProperty("user.name", "unknown");
    String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
    return "cutover:" + user + "@" + host;
  }
}
