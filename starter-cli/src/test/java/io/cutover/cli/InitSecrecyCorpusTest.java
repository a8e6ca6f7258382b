package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.MigrationPlan;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15's corpus: every invalid-manifest fixture that writes a credential where none belongs
 * (the {@code # sentinel:} header names its distinctive value) is run through {@code cutover init}
 * against the Temporal test server, first with no migration, then as a re-init of a running one.
 * Both times init must refuse it naming the field, start and send nothing, and the sentinel must be
 * nowhere: not in the CLI output, not in any log line or console output, not in the history.
 */
class InitSecrecyCorpusTest extends CliScenario {

  /** The activities module's invalid-manifest fixtures: one corpus for the parser and the CLI. */
  static Path fixtures() {
    return Path.of("..", "manifest", "src", "test", "resources", "manifests", "invalid")
        .toAbsolutePath()
        .normalize();
  }

  static List<Path> leakFixtures() {
    try (Stream<Path> s = Files.list(fixtures())) {
      return s.filter(p -> p.toString().endsWith(".yaml"))
          .filter(p -> header(p, "# sentinel: ").size() == 1)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> header(Path file, String prefix) {
    try {
      return Files.readAllLines(file).stream()
          .filter(l -> l.startsWith(prefix))
          .map(l -> l.substring(prefix.length()).trim())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theCorpusCoversTheWholeClass() {
    List<String> names = leakFixtures().stream().map(p -> p.getFileName().toString()).toList();
    assertTrue(names.size() >= 13, names.toString());
    for (String kind :
        List.of(
            "rest-endpoint",
            "bootstrap",
            "kubeconfig",
            "properties",
            "pem",
            "switchover-cr",
            "query",
            "outside-slot")) {
      assertTrue(
          names.stream().anyMatch(n -> n.contains(kind)), "a fixture for " + kind + ": " + names);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("leakFixtures")
  void initRefusesTheCredentialByFieldAndNothingShowsIt(Path fixture) throws Exception {
    String sentinel = header(fixture, "# sentinel: ").get(0);
    assertTrue(
        Files.readString(fixture).contains(sentinel) || referencedFilesContain(fixture, sentinel),
        "the fixture writes its sentinel");
    List<String> expected = header(fixture, "# expect: ");
    WorkflowClient client = env.getWorkflowClient();
    try (LogCapture logs = LogCapture.start()) {
      CliRun fresh = cli("init", "-f", fixture.toString());
      assertEquals(ExitCodes.FAILED, fresh.exit(), fresh.all());
      assertNamesEveryField(fresh.err(), expected);
      assertTrue(fresh.err().contains("problem(s) found in the migration manifest"), fresh.err());
      assertTrue(Migrations.describe(client, "orders").isEmpty(), "no workflow was started");
      assertEquals(List.of(), fake.calls, "no activity ran");

      CliRun good = cli("init", "-f", manifest.toString());
      assertEquals(ExitCodes.OK, good.exit(), good.all());
      CliRun again = cli("init", "-f", fixture.toString());
      assertEquals(ExitCodes.FAILED, again.exit(), again.all());
      assertNamesEveryField(again.err(), expected);
      assertEquals(1, fake.count("validatePlan"), "the bad plan was never sent for validation");

      String history =
          decodedPayloads(client.fetchHistory(MigrationPlan.workflowIdFor("orders")).toJson(true));
      assertTrue(history.contains("lkc-test"), "the history was read: it holds the good plan");
      assertTrue(logs.events() > 0, "logs were captured");
      for (var where :
          List.of(
              List.of("CLI output", fresh.all() + again.all()),
              List.of("history", history),
              List.of("logs and console", logs.text()))) {
        assertFalse(where.get(1).contains(sentinel), "the sentinel shows in the " + where.get(0));
      }
    }
  }

  private static boolean referencedFilesContain(Path fixture, String sentinel) throws IOException {
    Matcher m = Pattern.compile("switchover: (\\S+)").matcher(Files.readString(fixture));
    return m.find() && Files.readString(fixture.getParent().resolve(m.group(1))).contains(sentinel);
  }

  /** Each expectation (fragments separated by " ... ", in order) matches one problem line. */
  private static void assertNamesEveryField(String err, List<String> expected) {
    List<String> lines = new ArrayList<>(err.lines().toList());
    for (String expectation : expected) {
      String hit = lines.stream().filter(l -> matches(l, expectation)).findFirst().orElse(null);
      assertNotNull(hit, "expected a problem matching [" + expectation + "] in:\n" + err);
      lines.remove(hit);
    }
  }

  private static boolean matches(String line, String expectation) {
    int at = 0;
    for (String fragment : expectation.split(" \\.\\.\\. ")) {
      int i = line.indexOf(fragment, at);
      if (i < 0) {
        return false;
      }
      at = i + fragment.length();
    }
    return true;
  }

  /**
   * History JSON holds payloads base64-encoded (the proto JSON printer escapes the "=" padding);
   * decode every one so the search sees their text.
   */
  static String decodedPayloads(String historyJson) {
    StringBuilder out = new StringBuilder(historyJson);
    Matcher m =
        Pattern.compile("\"data\"\\s*:\\s*\"([A-Za-z0-9+/=]+)(?:\\\\u003d)*\"")
            .matcher(historyJson);
    while (m.find()) {
      out.append('\n')
          .append(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
    }
    return out.toString();
  }
}
