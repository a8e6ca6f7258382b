package io.cutover.cli;

import io.cutover.worker.TemporalClientFactory;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Requires;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Connects to the Temporal frontend the options name (Temporal's standard client configuration: API
 * key, TLS, gRPC metadata), checking first that it answers for the namespace. A namespaced call,
 * not the gRPC health service, which Temporal Cloud refuses to API keys.
 */
@Singleton
@Requires(missingBeans = TemporalConnection.class)
public class DefaultTemporalConnection implements TemporalConnection {
  private final Map<String, WorkflowServiceStubs> stubs = new HashMap<>();
  private final UnaryOperator<WorkflowServiceStubsOptions.Builder> customize;

  public DefaultTemporalConnection() {
    this(UnaryOperator.identity());
  }

  /** With extra stub options (tests add gRPC interceptors). */
  DefaultTemporalConnection(UnaryOperator<WorkflowServiceStubsOptions.Builder> customize) {
    this.customize = customize;
  }

  @Override
  public synchronized WorkflowClient client(TemporalOptions options) {
    String target = options.target();
    String namespace = options.namespace();
    WorkflowServiceStubs s =
        stubs.computeIfAbsent(
            target,
            t ->
                WorkflowServiceStubs.newServiceStubs(
                    customize.apply(options.environment().stubOptions(t)).build()));
    try {
      TemporalClientFactory.describeNamespace(s, namespace);
    } catch (StatusRuntimeException e) {
      throw refused(e.getStatus(), target, namespace);
    }
    return WorkflowClient.newInstance(
        s, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
  }

  private static CliException refused(Status status, String target, String namespace) {
    return switch (status.getCode()) {
      case NOT_FOUND ->
          new CliException(
              ExitCodes.UNREACHABLE,
              "Temporal at "
                  + target
                  + " has no namespace \""
                  + namespace
                  + "\": create it (`temporal operator namespace create --namespace "
                  + namespace
                  + "`) or"
                  + " name yours with --namespace / TEMPORAL_NAMESPACE.");
      case UNAUTHENTICATED, PERMISSION_DENIED ->
          new CliException(
              ExitCodes.UNREACHABLE,
              "Temporal at "
                  + target
                  + " refused namespace "
                  + namespace
                  + " ("
                  + status.getCode()
                  + "): check TEMPORAL_API_KEY or the mTLS"
                  + " client certificate (TEMPORAL_TLS_CLIENT_CERT_PATH / _KEY_PATH) and that it may use this namespace.");
      default ->
          new CliException(
              ExitCodes.UNREACHABLE,
              "cannot reach Temporal at "
                  + target
                  + " ("
                  + status.getCode()
                  + "). Start one with `cutover dev` (local, not durable), `docker compose up`"
                  + " (see docs/runbook.md), or point --temporal / TEMPORAL_ADDRESS at your server.");
    };
  }

  @PreDestroy
  synchronized void close() {
    stubs
        .values()
        .forEach(
            st -> {
              st.shutdown();
              st.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
            });
  }
}
