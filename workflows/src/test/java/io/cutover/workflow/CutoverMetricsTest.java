package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import com.uber.m3.tally.Buckets;
import com.uber.m3.tally.Capabilities;
import com.uber.m3.tally.CapableOf;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.StatsReporter;
import io.cutover.workflow.model.MigrationStatus;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Cutover's metrics, read from the workflow's metrics scope as the worker's Prometheus endpoint
 * reads them: steps, the fenced window, promotions, rollbacks, holds and the current step.
 */
class CutoverMetricsTest extends CutoverScenario {
  /** One reported value: name, tags, and the counter increment, gauge value or timer millis. */
  record Reported(String name, Map<String, String> tags, double value) {}

  static final List<Reported> reported = new CopyOnWriteArrayList<>();
  private Scope scope;

  static final class Recording implements StatsReporter {
    @Override
    public void reportCounter(String name, Map<String, String> tags, long value) {
      reported.add(new Reported(name, tags, value));
    }

    @Override
    public void reportGauge(String name, Map<String, String> tags, double value) {
      reported.add(new Reported(name, tags, value));
    }

    @Override
    public void reportTimer(
        String name, Map<String, String> tags, com.uber.m3.util.Duration interval) {
      reported.add(new Reported(name, tags, interval.toMillis()));
    }

    @Override
    @SuppressWarnings({"rawtypes", "deprecation"}) // StatsReporter's own signature
    public void reportHistogramValueSamples(
        String n, Map<String, String> t, Buckets b, double lo, double hi, long c) {}

    @Override
    @SuppressWarnings({"rawtypes", "deprecation"}) // StatsReporter's own signature
    public void reportHistogramDurationSamples(
        String n,
        Map<String, String> t,
        Buckets b,
        com.uber.m3.util.Duration lo,
        com.uber.m3.util.Duration hi,
        long c) {}

    @Override
    public Capabilities capabilities() {
      return CapableOf.REPORTING_TAGGING;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Override
  @org.junit.jupiter.api.BeforeEach
  void startEnvironment() {
    reported.clear();
    scope =
        new RootScopeBuilder()
            .reporter(new Recording())
            .reportEvery(com.uber.m3.util.Duration.ofMillis(10));
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(true)
                .setMetricsScope(scope)
                .build());
    env.registerSearchAttribute(
        MigrationWorkflow.SEARCH_ATTRIBUTE, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    fake = new FakeSystems(topics());
    client = env.getWorkflowClient();
    registerWorkers();
    env.start();
  }

  private double sum(String name, Map<String, String> having) {
    try {
      Thread.sleep(200); // the scope reports every 10 ms
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return reported.stream()
        .filter(r -> r.name().equals(name))
        .filter(r -> r.tags().entrySet().containsAll(having.entrySet()))
        .mapToDouble(Reported::value)
        .sum();
  }

  @Test
  void aCompletedCutoverCountsItsStepsFencedWindowAndPromotions() {
    MigrationWorkflow wf =
        startAndAwaitExecute(
            Plans.plan(
                "metrics",
                topics(),
                Plans.policies(p -> p.with(b -> b.detect = Duration.ofSeconds(10)))));
    execute(wf);
    var report = result(wf);

    assertEquals(1, sum(CutoverMetrics.STEPS_STARTED, Map.of("step", "FENCE")));
    assertEquals(1, sum(CutoverMetrics.STEPS_STARTED, Map.of("step", "PROMOTE")));
    assertEquals(topics().size(), sum(CutoverMetrics.TOPICS_PROMOTED, Map.of()));
    assertEquals(
        (double) report.fencedWindow().millis(),
        sum(CutoverMetrics.FENCED_WINDOW, Map.of()),
        "FENCE to SWITCH");
    assertEquals(
        1, reported.stream().filter(r -> r.name().equals(CutoverMetrics.FENCED_WINDOW)).count());
    assertTrue(
        reported.stream()
            .anyMatch(
                r ->
                    r.name().equals(CutoverMetrics.STEP_DURATION)
                        && "VERIFY_FENCE".equals(r.tags().get("step"))
                        && "OK".equals(r.tags().get("outcome"))));
    assertTrue(
        reported.stream()
            .anyMatch(
                r ->
                    r.name().equals(CutoverMetrics.CURRENT_STEP)
                        && "metrics".equals(r.tags().get("migration"))
                        && r.value() == CutoverStep.DONE.ordinal()));
    assertTrue(
        reported.stream()
            .allMatch(
                r -> !r.name().startsWith("cutover_") || CutoverMetrics.NAMES.contains(r.name())),
        "every metric is declared in CutoverMetrics.NAMES");
  }

  @Test
  void aRollbackAndAHoldAreCountedWithTheirStep() {
    MigrationWorkflow rolled =
        startAndAwaitExecute(Plans.plan("rolled", topics(), Plans.policies(p -> p)));
    rollBackDuringTheLagWait(rolled);
    MigrationWorkflow held =
        startAndAwaitExecute(Plans.plan("held", topics(), Plans.policies(p -> p)));
    fake.failures.put("switchRoutes", 1);
    execute(held);
    awaitStatus(held, MigrationStatus::held, "held");

    assertEquals(1, sum(CutoverMetrics.ROLLBACKS, Map.of("step", "WAIT_FOR_LAG")));
    assertEquals(1, sum(CutoverMetrics.HOLDS, Map.of("step", "SWITCH")));
  }
}
