package io.cutover.worker;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /health}: UP when Temporal answers its health check and the worker is polling. */
@Singleton
public class TemporalHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
  private final WorkflowServiceStubs stubs;
  private final CutoverWorker worker;
  private final TemporalSettings settings;

  public TemporalHealthIndicator(WorkflowServiceStubs stubs, CutoverWorker worker, TemporalSettings settings) {
    this.stubs = stubs;
    this.worker = worker;
    this.settings = settings;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("target", settings.getTarget());
    info.put("namespace", settings.getNamespace());
    info.put("taskQueue", settings.getTaskQueue());
    boolean serving;
    try {
      serving = stubs.healthCheck().getStatus().name().equals("SERVING");
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
