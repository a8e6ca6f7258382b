package io.cutover.worker;

import static org.junit.jupiter.api.Assertions.*;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worker's log formats (logback.xml): with CUTOVER_LOG_FORMAT=json every line is a JSON object
 * carrying the workflow id, run id, activity type and attempt the Temporal SDK puts in the MDC of
 * an activity's thread; the plain format shows the workflow id.
 */
class LogFormatTest {

  @ActivityInterface
  public interface Noisy {
    void speak();
  }

  @WorkflowInterface
  public interface Speaking {
    @WorkflowMethod
    void run();
  }

  public static class SpeakingImpl implements Speaking {
    @Override
    public void run() {
      Workflow.newActivityStub(
              Noisy.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build())
          .speak();
    }
  }

  /** Runs one activity that logs through a logger context configured from logback.xml. */
  private static String logOfOneActivity(String format) throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter()); // the one the SDK writes to
    context.putProperty("CUTOVER_LOG_FORMAT", format);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
      context.start();
      var log = context.getLogger("io.cutover.activities.Example");
      try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
        var worker = env.newWorker("logs");
        worker.registerWorkflowImplementationTypes(SpeakingImpl.class);
        worker.registerActivitiesImplementations(
            (Noisy) () -> log.info("fencing route migration-route"));
        env.start();
        env.getWorkflowClient()
            .newWorkflowStub(
                Speaking.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("cutover-orders")
                    .setTaskQueue("logs")
                    .build())
            .run();
      }
    } finally {
      System.setOut(original);
      context.stop();
    }
    var statuses = context.getStatusManager().getCopyOfStatusList();
    // A warning makes logback print its whole status at every start (an unreferenced appender did).
    assertTrue(
        statuses.stream().allMatch(st -> st.getLevel() < ch.qos.logback.core.status.Status.WARN),
        "logback.xml configures without warnings: " + statuses);
    List<String> lines =
        out.toString(StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.contains("fencing route"))
            .toList();
    assertEquals(1, lines.size(), "one appender writes the line: " + out + " status: " + statuses);
    return lines.get(0);
  }

  @Test
  void jsonLinesCarryTheWorkflowAndActivityFromTheSdksMdc() throws Exception {
    JsonNode line = new ObjectMapper().readTree(logOfOneActivity("json"));

    assertEquals("INFO", line.path("level").asText());
    assertEquals("fencing route migration-route", line.path("message").asText());
    JsonNode mdc = line.path("mdc");
    assertEquals("cutover-orders", mdc.path("WorkflowId").asText(), line.toString());
    assertFalse(mdc.path("RunId").asText().isEmpty(), line.toString());
    assertEquals("Speak", mdc.path("ActivityType").asText(), line.toString());
    assertEquals("1", mdc.path("Attempt").asText(), line.toString());
  }

  @Test
  void plainLinesShowTheWorkflowId() throws Exception {
    String line = logOfOneActivity("plain");
    assertTrue(line.contains("[cutover-orders]"), line);
  }

  @Test
  void anUnknownFormatLogsPlainLinesRatherThanNothing() throws Exception {
    String line = logOfOneActivity("xml");
    assertTrue(line.contains("[cutover-orders]") && !line.startsWith("{"), line);
  }
}
