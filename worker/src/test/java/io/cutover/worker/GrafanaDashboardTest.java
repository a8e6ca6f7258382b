package io.cutover.worker;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.uber.m3.tally.Scope;
import io.cutover.workflow.CutoverMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/grafana/cutover.json queries what the worker really exposes: each Cutover metric, reported
 * through the worker's own tally-to-Micrometer bridge and scraped in Prometheus format, carries the
 * name a panel asks for, and every Cutover metric has a panel.
 */
class GrafanaDashboardTest {
  private static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "cutover.json");
  private static final Pattern CUTOVER_SERIES = Pattern.compile("cutover_[a-z_]+");

  /** The Prometheus text the worker would serve after one of each Cutover metric. */
  private static String exposition() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Scope scope = TemporalClientFactory.metricsScope(registry);
    Scope tagged =
        scope.tagged(
            Map.of(
                "namespace", "default", "step", "FENCE", "outcome", "OK", "migration", "orders"));
    tagged.counter("cutover_steps_started").inc(1);
    tagged.counter("cutover_topics_promoted").inc(3);
    tagged.counter("cutover_compensations").inc(1);
    tagged.counter("cutover_rollbacks").inc(1);
    tagged.counter("cutover_holds").inc(1);
    tagged.timer("cutover_step_duration").record(com.uber.m3.util.Duration.ofMillis(1200));
    tagged.timer("cutover_fenced_window").record(com.uber.m3.util.Duration.ofMillis(9000));
    tagged.gauge("cutover_current_step").update(3);
    scope.close();
    return registry.scrape();
  }

  @Test
  void everyCutoverSeriesThePanelsQueryIsExposedAndEveryMetricHasAPanel() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
    Set<String> queried = new TreeSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        Matcher m = CUTOVER_SERIES.matcher(target.path("expr").asText());
        while (m.find()) {
          queried.add(m.group());
        }
      }
    }
    String scraped = exposition();

    for (String series : queried) {
      assertTrue(
          Pattern.compile("(?m)^" + series + "\\{").matcher(scraped).find(),
          series + " is queried by the dashboard but not exposed:\n" + scraped);
    }
    for (String metric : CutoverMetrics.NAMES) {
      assertTrue(queried.stream().anyMatch(q -> q.startsWith(metric)), metric + " has no panel");
    }
  }
}
