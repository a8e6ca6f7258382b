package io.cutover.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterpolationTest {

  private static final Map<String, String> ENV =
      Map.of("HOST", "broker.example.com", "PASSWORD", "s3cr3t-value-91");

  @Test
  void definedVariablesAreExpandedAnywhereInTheString() {
    List<String> problems = new ArrayList<>();
    assertEquals(
        "broker.example.com:9092", Interpolation.expand("${HOST}:9092", "f", ENV, problems));
    assertEquals(
        "pre-s3cr3t-value-91-broker.example.com",
        Interpolation.expand("pre-${PASSWORD}-${HOST}", "f", ENV, problems));
    assertEquals(List.of(), problems);
  }

  @Test
  void undefinedVariableIsAnErrorNamingTheVariableAndFieldButNoValue() {
    List<String> problems = new ArrayList<>();
    String out =
        Interpolation.expand(
            "${PASSWORD}${MISSING_ONE}/${MISSING_TWO}", "spec.x.password", ENV, problems);
    assertEquals(
        "${PASSWORD}${MISSING_ONE}/${MISSING_TWO}",
        out,
        "a value with a problem is left as written");
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(
        problems.get(0).startsWith("spec.x.password: environment variable MISSING_ONE is not set"),
        problems.get(0));
    assertTrue(problems.get(1).contains("MISSING_TWO"), problems.get(1));
    problems.forEach(p -> assertFalse(p.contains("s3cr3t-value-91"), p));
  }

  @Test
  void doubleDollarBraceEscapesToALiteralDollarBrace() {
    List<String> problems = new ArrayList<>();
    assertEquals(
        "${HOST} and broker.example.com",
        Interpolation.expand("$${HOST} and ${HOST}", "f", ENV, problems));
    assertEquals(
        "cost: $5", Interpolation.expand("cost: $5", "f", ENV, problems), "a lone $ is kept");
    assertEquals(List.of(), problems);
  }

  @Test
  void unterminatedOrMalformedReferencesAreProblems() {
    List<String> problems = new ArrayList<>();
    Interpolation.expand("${HOST", "a", ENV, problems);
    Interpolation.expand("${HOST:-default}", "b", ENV, problems);
    assertEquals(2, problems.size());
    assertTrue(problems.get(0).startsWith("a: \"${\" is not closed"), problems.get(0));
    assertTrue(
        problems
            .get(1)
            .startsWith("b: a ${...} reference must hold only an environment variable name"),
        problems.get(1));
  }

  @Test
  void onlyStringValuesAreExpandedNeverKeysOrNumbers() {
    JsonNode tree = StrictYaml.parse("${HOST}: 1\nlist: [\"${HOST}\", 7, true]\n", "").root();
    JsonNode out = Interpolation.expandTree(tree, "", ENV, new ArrayList<>());
    assertTrue(out.has("${HOST}"), "keys are not expanded");
    assertEquals("broker.example.com", out.get("list").get(0).asText());
    assertEquals(7, out.get("list").get(1).asInt());
    assertTrue(out.get("list").get(2).asBoolean());
  }

  @Test
  void manifestWithoutInterpolateKeepsDollarBracesLiterally(@TempDir Path dir) throws Exception {
    Path manifest =
        copyValid(
            "cutover-all-policies.yaml",
            dir,
            "kubeContext: prod-eu",
            "kubeContext: ctx-${HOST}-$${X}");
    MigrationPlanAssert.kubeContext(new ManifestParser(ENV).parse(manifest), "ctx-${HOST}-$${X}");
  }

  @Test
  void manifestWithInterpolateFalseKeepsDollarBracesLiterally(@TempDir Path dir) throws Exception {
    Path manifest =
        copyValid(
            "cutover-all-policies.yaml",
            dir,
            "kind: GatewayMigration",
            "kind: GatewayMigration\ninterpolate: false",
            "kubeContext: prod-eu",
            "kubeContext: ctx-${NOT_SET_ANYWHERE}");
    MigrationPlanAssert.kubeContext(
        new ManifestParser(Map.of()).parse(manifest), "ctx-${NOT_SET_ANYWHERE}");
  }

  @Test
  void manifestUndefinedVariablesAreAllReportedWithTheirFields(@TempDir Path dir) throws Exception {
    Path manifest = copyValid("interpolated.yaml", dir);
    Map<String, String> partial =
        Map.of(
            "MIGRATION_NAME",
            "m",
            "FILES_DIR",
            ManifestFixtures.files().toString(),
            "SRC_PASSWORD",
            "env-src-secret-61d0");
    ManifestException e =
        assertThrows(ManifestException.class, () -> new ManifestParser(partial).parse(manifest));
    assertTrue(
        e.problems()
            .contains(
                "spec.target.kafka.credentials.sasl_plain.password: environment variable CC_SECRET"
                    + " is not set (interpolate: true expands ${CC_SECRET}); set it, or write $${CC_SECRET} for a literal"),
        e.problems().toString());
    assertTrue(
        e.problems().stream()
            .anyMatch(
                p ->
                    p.startsWith(
                        "spec.source.bootstrapServers[0]: environment variable MSK_BROKER")));
    // MSK_BROKER, SRC_USER, CC_CLUSTER (clusterId and link name), CC_KEY, CC_SECRET; no follow-on
    // problems
    // such as "invalid bootstrap server" for the values that stayed unexpanded.
    assertEquals(6, e.problems().size(), e.problems().toString());
    assertTrue(
        e.problems().stream().allMatch(p -> p.contains("is not set")), e.problems().toString());
    assertFalse(e.getMessage().contains("env-src-secret-61d0"));
  }

  /**
   * Copies a valid fixture (and the shared files it names) into {@code dir}, applying replacements.
   */
  static Path copyValid(String name, Path dir, String... replacements) throws Exception {
    Path files = Files.createDirectories(dir.resolve("files"));
    try (var s = Files.list(ManifestFixtures.files())) {
      for (Path f : s.toList()) {
        Files.copy(f, files.resolve(f.getFileName()));
      }
    }
    String text = ManifestFixtures.read(ManifestFixtures.valid(name));
    for (int i = 0; i < replacements.length; i += 2) {
      assertTrue(text.contains(replacements[i]), replacements[i]);
      text = text.replace(replacements[i], replacements[i + 1]);
    }
    Path manifest = Files.createDirectories(dir.resolve("valid")).resolve(name);
    Files.writeString(manifest, text);
    return manifest;
  }
}
