package io.cutover.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invalid-manifest corpus: every file under manifests/invalid/ declares in {@code # expect:}
 * header lines the problems it must produce (one line per problem). The parse must fail with
 * exactly those problems, echo no secret written in the file, and write nothing.
 */
class InvalidManifestsTest {

  static List<Path> invalidManifests() {
    return ManifestFixtures.yamlFiles("invalid");
  }

  @Test
  void corpusHoldsAtLeastThirtyCasesEachWithAnExpectation() {
    assertTrue(invalidManifests().size() >= 30, "corpus size " + invalidManifests().size());
    for (Path p : invalidManifests()) {
      assertFalse(ManifestFixtures.expectations(p).isEmpty(), p + " has no # expect: line");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidManifests")
  void invalidManifestFailsWithExactlyItsDeclaredProblems(Path manifest) {
    List<String> expected = ManifestFixtures.expectations(manifest);
    Map<String, String> before = ManifestFixtures.snapshot();

    ManifestException e =
        assertThrows(
            ManifestException.class,
            () -> new ManifestParser(ManifestFixtures.env()).parse(manifest));

    List<String> unmatched = new ArrayList<>(e.problems());
    for (String expectation : expected) {
      String hit =
          unmatched.stream()
              .filter(p -> ManifestFixtures.matches(p, expectation))
              .findFirst()
              .orElse(null);
      assertTrue(
          hit != null,
          () -> "expected a problem matching [" + expectation + "] in " + e.problems());
      unmatched.remove(hit);
    }
    assertTrue(unmatched.isEmpty(), () -> "unexpected extra problems: " + unmatched);
    assertEquals(expected.size(), e.problems().size());
    assertTrue(
        e.getMessage().startsWith(expected.size() + " problem(s) found in the migration manifest "),
        e.getMessage());
    assertEquals(manifest.toAbsolutePath().normalize(), e.file());

    List<String> secrets = ManifestFixtures.secretsIn(List.of(manifest));
    for (String secret : secrets) {
      assertFalse(e.getMessage().contains(secret), "message echoes a secret: " + e.getMessage());
      e.warnings().forEach(w -> assertFalse(w.contains(secret), w));
    }
    assertEquals(before, ManifestFixtures.snapshot(), "parsing must not create or change any file");
  }
}
