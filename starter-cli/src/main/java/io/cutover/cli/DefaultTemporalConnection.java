package io.cutover.cli;

import io.cutover.worker.TemporalClientFactory;
import io.cutover.worker.TemporalSettings;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Requires;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/** Connects to the Temporal frontend named by the options, checking it answers first. */
@Singleton
@Requires(missingBeans = TemporalConnection.class)
public class DefaultTemporalConnection implements TemporalConnection {
  private final TemporalSettings settings;
  private final Map<String, WorkflowServiceStubs> stubs = new HashMap<>();

  public DefaultTemporalConnection(TemporalSettings settings) {
    this.settings = settings;
  }

  @Override
  public synchronized WorkflowClient client(TemporalOptions options) {
    WorkflowServiceStubs s = stubs.computeIfAbsent(options.target(),
        target -> WorkflowServiceStubs.newServiceStubs(TemporalClientFactory.stubOptions(settings, target).build()));
    try {
      s.healthCheck();
    } catch (StatusRuntimeException e) {
      throw new CliException(ExitCodes.UNREACHABLE, "cannot reach Temporal at " + options.target() + " ("
          + e.getStatus().getCode() + "). Start one with `cutover dev` (local, not durable), `docker compose up`"
          + " (see docs/runbook.md), or point --temporal / TEMPORAL_TARGET at your server.");
    }
    return WorkflowClient.newInstance(s, WorkflowClientOptions.newBuilder().setNamespace(options.namespace()).build());
  }

  @PreDestroy
  synchronized void close() {
    stubs.values().forEach(st -> {
      st.shutdown();
      st.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
    });
  }
}
