package io.cutover.worker;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /health}: UP when Temporal answers for the worker's namespace and the worker is polling. A
 * namespaced call, not the gRPC health service, which Temporal Cloud refuses to API keys.
 */
@Singleton
@Readiness // not in /health/liveness: a Temporal outage makes workers unready, it must not restart
// them
public class TemporalHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
  private final WorkflowServiceStubs stubs;
  private final CutoverWorker worker;
  private final TemporalSettings settings;
  private final TemporalEnvironment.Connection connection;

  public TemporalHealthIndicator(
      WorkflowServiceStubs stubs,
      CutoverWorker worker,
      TemporalSettings settings,
      TemporalEnvironment.Connection connection) {
    this.stubs = stubs;
    this.worker = worker;
    this.settings = settings;
    this.connection = connection;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("target", connection.address());
    info.put("namespace", connection.namespace());
    info.put("taskQueue", settings.getTaskQueue());
    boolean serving;
    try {
      TemporalClientFactory.describeNamespace(stubs, connection.namespace());
      serving = true;
    } catch (RuntimeException e) {
      serving = false;
      info.put("error", e.getMessage());
    }
    boolean polling = worker.isRunning();
    info.put("temporal", serving ? "SERVING" : "NOT_SERVING");
    info.put("worker", polling ? "polling" : "stopped");
    healthStatus = serving && polling ? HealthStatus.UP : HealthStatus.DOWN;
    return info;
  }

  @Override
  protected String getName() {
    return "temporal";
  }
}
