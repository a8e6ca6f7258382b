package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command, made to fail where nobody planned a failure: the Temporal connection breaks (for
 * the commands that use one), or the terminal breaks at the first line the command writes. Each
 * must print one line, exit 1, show no stack trace, and show one (redacted) only with --verbose.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class UnexpectedFailureTest {
  static final String SECRET = "hunter2-never-shown";

  @TempDir static Path dir;
  static Path manifest;
  static Path restManifest;
  static MockWebServer rest;
  static ServerSocket busyPort;

  @BeforeAll
  static void systems() throws IOException {
    manifest = TestManifests.write(dir, "orders", CliScenario.QUICK);
    rest = new MockWebServer();
    for (int i = 0; i < 4; i++) {
      rest.enqueue(
          new MockResponse()
              .setHeader("Content-Type", "application/json")
              .setBody("{\"data\":[]}"));
    }
    restManifest = dir.resolve("rest.yaml");
    Files.writeString(
        restManifest,
        Files.readString(manifest).replace("http://localhost:8082", rest.url("/").toString()));
    Files.setPosixFilePermissions(
        restManifest, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    busyPort = new ServerSocket(0);
  }

  @AfterAll
  static void stop() throws IOException {
    rest.shutdown();
    busyPort.close();
  }

  /**
   * The command line under test: the shipped one here; the demo module runs this class over its
   * own.
   */
  protected CommandLine commandLine(ApplicationContext ctx) {
    return CutoverCli.commandLine(ctx);
  }

  /**
   * Command path -> arguments that make it fail; the Temporal commands fail in their connection.
   */
  protected Map<String, List<String>> cases() throws IOException {
    Map<String, List<String>> c = new LinkedHashMap<>();
    c.put("", List.of());
    c.put("init", List.of("init", "-f", manifest.toString()));
    c.put("lag-check", List.of("lag-check", "-f", restManifest.toString(), "--once"));
    c.put("execute", List.of("execute", "orders"));
    c.put("approve", List.of("approve", "orders"));
    c.put("rollback", List.of("rollback", "orders"));
    c.put("status", List.of("status", "orders"));
    c.put("list", List.of("list"));
    Path wave = manifest.resolveSibling("wave.yaml");
    Files.writeString(
        wave,
        "apiVersion: cutover.io/v1alpha1\nkind: MigrationWave\nmetadata:\n  name: first\n"
            + "spec:\n  groups:\n    - manifest: "
            + manifest.getFileName()
            + "\n");
    c.put("wave", List.of("wave"));
    c.put("wave init", List.of("wave", "init", "-f", wave.toString()));
    c.put("wave execute", List.of("wave", "execute", "first"));
    c.put("wave approve", List.of("wave", "approve", "first"));
    c.put("wave rollback", List.of("wave", "rollback", "first"));
    c.put("wave status", List.of("wave", "status", "first"));
    c.put("wave list", List.of("wave", "list"));
    c.put("replay-check", List.of("replay-check"));
    c.put("recover", List.of("recover", "orders"));
    // The worker prints nothing of its own before it runs; a taken port is its likeliest failure.
    c.put("worker", List.of("worker"));
    c.put("completion", List.of("completion", "bash"));
    return c;
  }

  Stream<String> commands() throws IOException {
    return cases().keySet().stream();
  }

  @Test
  void everyCommandIsMadeToFail() throws IOException {
    List<String> all;
    try (ApplicationContext ctx = ApplicationContext.run()) {
      all = HelpTextTest.paths(commandLine(ctx)).stream().map(p -> String.join(" ", p)).toList();
    }
    assertEquals(all, new ArrayList<>(cases().keySet()), "a new command needs a failure case here");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void anUnexpectedFailurePrintsOneLineWithWhatToDoAndNoStackTrace(String command)
      throws Exception {
    CliRun r = failing(cases().get(command));
    assertEquals(ExitCodes.FAILED, r.exit(), r.all());
    List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.size(), "one line: " + r.err());
    assertTrue(lines.get(0).startsWith("✖ "), lines.get(0));
    assertTrue(
        lines.get(0).contains(command.equals("worker") ? "is in use" : "--verbose"), lines.get(0));
    assertFalse(r.all().contains("\tat "), "no stack trace: " + r.all());
    assertFalse(r.all().contains(SECRET), r.all());
  }

  @ParameterizedTest
  @MethodSource("commands")
  void withVerboseTheStackTraceIsShownRedacted(String command) throws Exception {
    List<String> args = new ArrayList<>(cases().get(command));
    args.add(ErrorReport.VERBOSE);
    CliRun r = failing(args);
    assertEquals(ExitCodes.FAILED, r.exit(), r.all());
    assertTrue(r.err().contains("\tat "), "the trace: " + r.err());
    assertFalse(r.all().contains(SECRET), r.all());
  }

  /**
   * Runs {@code args} with a broken Temporal connection and a terminal that breaks at the first
   * line written.
   */
  private CliRun failing(List<String> args) {
    TemporalConnection broken =
        options -> {
          throw new IllegalStateException(
              "injected: the connection pool is closed (password=" + SECRET + ")");
        };
    String previous = System.getProperty("micronaut.server.port");
    System.setProperty("micronaut.server.port", Integer.toString(busyPort.getLocalPort()));
    try (ApplicationContext ctx =
        ApplicationContext.builder().environments("test").singletons(broken).start()) {
      CommandLine cl = commandLine(ctx);
      StringWriter err = new StringWriter();
      cl.setOut(new PrintWriter(new BrokenTerminal()));
      cl.setErr(new PrintWriter(err, true));
      int code = cl.execute(args.toArray(String[]::new));
      return new CliRun(code, "", err.toString());
    } finally {
      if (previous == null) {
        System.clearProperty("micronaut.server.port");
      } else {
        System.setProperty("micronaut.server.port", previous);
      }
    }
  }

  protected static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A terminal that is gone: the first write fails, as no command expects. */
  private static final class BrokenTerminal extends Writer {
    @Override
    public void write(char[] buf, int off, int len) {
      throw new IllegalStateException("injected: the terminal is gone (token=" + SECRET + ")");
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
