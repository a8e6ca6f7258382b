package io.cutover.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the fixture corpus cannot show on its own: credentials that arrive by ${VAR}, or as a key.
 */
class ManifestSecrecyTest {
  @TempDir Path dir;

  private ManifestException refused(Path manifest) {
    return assertThrows(
        ManifestException.class,
        () -> new ManifestParser(ManifestFixtures.env(), false).parse(manifest));
  }

  @Test
  void aCredentialExpandedFromTheEnvironmentIsFoundAfterExpansion() throws Exception {
    Path m =
        InterpolationTest.copyValid(
            "interpolated.yaml",
            dir,
            "restEndpoint: https://pkc-i",
            "restEndpoint: https://${CC_KEY}:${CC_SECRET}@pkc-i");
    ManifestException e = refused(m);
    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(
        e.problems().get(0).startsWith("spec.target.kafka.restEndpoint: holds user info"),
        e.getMessage());
    for (String secret : ManifestFixtures.envSecrets()) {
      assertFalse(e.getMessage().contains(secret), e.getMessage());
    }
  }

  @Test
  void aCredentialWrittenAsAKeyIsMaskedInEveryProblem() throws Exception {
    Path m =
        InterpolationTest.copyValid(
            "kcp-minimal.yaml", dir, "spec:\n", "spec:\n  \"https://u:Key-Sentinel-31@h\": 1\n");
    ManifestException e = refused(m);
    assertFalse(e.getMessage().contains("Key-Sentinel-31"), e.getMessage());
    assertTrue(
        e.problems().stream()
            .anyMatch(
                p -> p.startsWith("spec.https://***@h: holds user info") && p.contains("in a key")),
        e.getMessage());
  }

  @Test
  void aMisplacedSlotIsAnUnknownKeyButAMisplacedPasswordIsACredential() throws Exception {
    Path m =
        InterpolationTest.copyValid(
            "kcp-minimal.yaml",
            dir,
            "  clusterLink:\n",
            "  clusterLink:\n    credentials: files/dest-plain.yaml\n    auth:\n      password: Misplaced-Sentinel-8\n");
    ManifestException e = refused(m);
    assertFalse(e.getMessage().contains("Misplaced-Sentinel-8"), e.getMessage());
    assertTrue(
        e.problems().stream()
            .anyMatch(p -> p.startsWith("spec.clusterLink.credentials: unknown key")),
        e.getMessage());
    assertTrue(
        e.problems().stream()
            .anyMatch(p -> p.startsWith("spec.clusterLink.auth.password: holds a literal value")),
        e.getMessage());
  }

  @Test
  void everyValidFixtureStillParses() {
    for (String name :
        List.of(
            "kcp-minimal.yaml",
            "kcp-inline-creds.yaml",
            "kcp-mtls-inline.yaml",
            "cutover-all-policies.yaml")) {
      try {
        new ManifestParser(ManifestFixtures.env(), false).parse(ManifestFixtures.valid(name));
      } catch (ManifestException e) {
        throw new AssertionError(name + ": " + e.getMessage());
      }
    }
  }
}
