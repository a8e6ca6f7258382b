package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.*;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a failure looks like where UnexpectedFailureTest cannot reach: the process start, the log,
 * the kinds.
 */
class ErrorReportTest {

  @Test
  void aFailureBeforeAnyCommandRunsIsOneLineToo() {
    String previous = System.getProperty("micronaut.config.files");
    System.setProperty("micronaut.config.files", "/no/such/cutover-config.yml");
    try {
      StringWriter err = new StringWriter();
      int code = CutoverCli.run(new String[] {"list"}, new PrintWriter(err, true), List.of());
      assertEquals(ExitCodes.FAILED, code, err.toString());
      assertEquals(1, err.toString().lines().count(), err.toString());
      assertTrue(err.toString().startsWith("✖ cutover failed unexpectedly ("), err.toString());
      assertTrue(err.toString().contains("--verbose"), err.toString());
    } finally {
      restore("micronaut.config.files", previous);
    }
  }

  @Test
  void aLostTemporalConnectionExitsThreeAndSaysWhereToLook() {
    StringWriter err = new StringWriter();
    int code =
        ErrorReport.report(
            new RuntimeException(
                "describe failed",
                Status.UNAVAILABLE.withDescription("io exception").asRuntimeException()),
            "cutover status",
            false,
            new PrintWriter(err));
    assertEquals(ExitCodes.UNREACHABLE, code);
    assertTrue(
        err.toString()
            .contains(
                "cutover status: lost the connection to Temporal (StatusRuntimeException:"
                    + " UNAVAILABLE: io exception)"),
        err.toString());
    assertTrue(err.toString().contains("TEMPORAL_ADDRESS"), err.toString());
  }

  @Test
  void aMissingClassSaysTheBuildIsIncompleteAndHowToRebuild() {
    String line =
        ErrorReport.unexpected(
            new NoClassDefFoundError("io/cutover/workflow/CutoverStep"), "cutover list");
    assertTrue(
        line.contains(
            "the build is incomplete (NoClassDefFoundError: io/cutover/workflow/CutoverStep)"),
        line);
    assertTrue(line.contains("mvn -B -DskipTests package -pl demo -am"), line);
  }

  @Test
  void aMultiLineMessageIsShownOnOneLineWithCredentialsMasked() {
    String line =
        ErrorReport.unexpected(
            new IllegalStateException(
                new IllegalArgumentException(
                    "bad config\n  ssl.truststore.password=changeit\n  at line 3")),
            "cutover init");
    assertEquals(1, line.lines().count(), line);
    assertFalse(line.contains("changeit"), line);
    assertTrue(line.contains("IllegalArgumentException: bad config"), line);
  }

  @Test
  void theCliLogShowsAnExceptionWithoutItsFramesUnlessVerbose() throws Exception {
    String quiet = logWithCliConfig(null);
    assertTrue(quiet.contains("ERROR io.cutover.test - the worker stopped"), quiet);
    assertTrue(quiet.contains("java.lang.IllegalStateException: poll failed"), quiet);
    assertFalse(quiet.contains("\tat "), quiet);
    String verbose = logWithCliConfig("full");
    assertTrue(verbose.contains("\tat io.cutover.cli.ErrorReportTest"), verbose);
  }

  @Test
  void theCliLogLeavesOutFabric8sWarningAboutTheGatewayCrdVersion() throws Exception {
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(ErrorReportTest.class.getResource("/cli-logback.xml"));
    assertFalse(
        context
            .getLogger("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils")
            .isWarnEnabled());
    assertTrue(context.getLogger("io.cutover.cli").isWarnEnabled(), "other warnings still show");
    context.stop();
  }

  /**
   * Logs one error through cli-logback.xml into a fresh logging context, as the CLI's process
   * would.
   */
  private static String logWithCliConfig(String trace) throws Exception {
    String previous = System.getProperty("cutover.log.trace");
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    if (trace != null) {
      System.setProperty("cutover.log.trace", trace);
    }
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(ErrorReportTest.class.getResource("/cli-logback.xml"));
      assertTrue(
          context.getStatusManager().getCopyOfStatusList().stream()
              .noneMatch(s -> s.getLevel() >= 2),
          "cli-logback.xml loads without errors: "
              + context.getStatusManager().getCopyOfStatusList());
      context
          .getLogger("io.cutover.test")
          .error("the worker stopped", new IllegalStateException("poll failed"));
    } finally {
      context.stop();
      System.setErr(err);
      restore("cutover.log.trace", previous);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static void restore(String property, String previous) {
    if (previous == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, previous);
    }
  }
}
