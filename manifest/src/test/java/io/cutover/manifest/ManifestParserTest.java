package io.cutover.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.model.CredentialRef;
import io.cutover.workflow.model.MigrationPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestParserTest {

  private final ManifestParser parser = new ManifestParser(ManifestFixtures.env());

  @Test
  void problemsFromEverySectionAreReportedTogetherInOneException(@TempDir Path dir)
      throws Exception {
    Path manifest =
        InterpolationTest.copyValid(
            "kcp-file-creds.yaml",
            dir,
            "  name: orders-files\n",
            "  name: orders-files\n  labels: {}\n", // unknown key
            "    type: msk\n",
            "    type: msk\n    type: apache-kafka\n", // duplicate key
            "b-2.msk.example.com:9096",
            "b-2.msk.example.com", // bad bootstrap server
            "      restCredentials: ../files/rest-key.yaml\n",
            "      restCredentials: {}\n",
            "        - scram-registration-route\n",
            "        - migration-route\n", // repeated route
            "    lagThreshold: 100\n",
            "    lagThreshold: -3\n    requireApproval: true\n");
    ManifestException e = assertThrows(ManifestException.class, () -> parser.parse(manifest));
    assertEquals(
        List.of(
            "spec.source.type: appears more than once (lines 9 and 10); a YAML mapping must not repeat a key, remove one",
            "metadata.labels: unknown key; allowed here: name",
            "spec.source.bootstrapServers[1]: invalid bootstrap server \"b-2.msk.example.com\" (expected host:port, without a scheme)",
            "spec.target.kafka.restCredentials: present but empty: omit it to derive REST credentials from the destination's"
                + " sasl_plain Kafka credentials, or fill in one form: api_key and api_secret, basic, bearer or mtls",
            "spec.gateway.fence.routes[1]: \"migration-route\" is listed more than once",
            "spec.defaultPolicies.requireApproval: unknown key; it is a cutover extension: set apiVersion: cutover.io/v1alpha1 to use it",
            "spec.defaultPolicies.lagThreshold: must be 0 or more (records per topic), got -3"),
        e.problems());
    assertTrue(
        e.getMessage()
            .startsWith("7 problem(s) found in the migration manifest " + manifest + ":\n  - "),
        e.getMessage());
  }

  @Test
  void warnsWhenTheManifestIsReadableByOthersAndNotWhenPrivate(@TempDir Path dir) throws Exception {
    Path manifest = InterpolationTest.copyValid("kcp-inline-creds.yaml", dir);
    Files.setPosixFilePermissions(manifest, PosixFilePermissions.fromString("rw-r--r--"));
    List<String> open = parser.parse(manifest).warnings();
    assertEquals(1, open.size(), open.toString());
    assertTrue(
        open.get(0).contains("is readable by its group or by others")
            && open.get(0).contains("chmod 600"),
        open.get(0));

    Files.setPosixFilePermissions(manifest, PosixFilePermissions.fromString("rw-------"));
    assertEquals(List.of(), parser.parse(manifest).warnings());
  }

  @Test
  void relativePathsResolveAgainstTheManifestDirectoryNotTheWorkingDirectory(@TempDir Path dir)
      throws Exception {
    Path manifest = InterpolationTest.copyValid("kcp-file-creds.yaml", dir);
    MigrationPlan plan = ManifestPlans.toPlan(parser.parse(manifest));
    assertEquals(
        CredentialRef.file(dir.resolve("files/source-scram.yaml").toString()),
        plan.source().credentials());
    assertEquals(dir.resolve("valid/kube/config").toString(), plan.gateway().kubeconfig());
    assertEquals(
        dir.resolve("files/switchover-gateway.yaml").toString(),
        plan.gateway().switchoverCrSource());
  }

  @Test
  void aRelativePathFoundOnlyInTheWorkingDirectoryIsUsedWithAWarningAsKcpResolvesIt(
      @TempDir Path dir) throws Exception {
    // The working directory of the test is the module's; kcp resolves against it.
    Path cwdDir =
        Files.createDirectories(
            Path.of("target", "cwd-paths-" + System.nanoTime()).toAbsolutePath());
    Path cwdFile =
        Files.copy(
            ManifestFixtures.files().resolve("source-scram.yaml"),
            cwdDir.resolve("source-scram.yaml"));
    String relative = Path.of("").toAbsolutePath().relativize(cwdFile).toString();
    Path manifest =
        InterpolationTest.copyValid(
            "kcp-file-creds.yaml",
            dir,
            "credentials: ../files/source-scram.yaml",
            "credentials: " + relative);
    Files.setPosixFilePermissions(manifest, PosixFilePermissions.fromString("rw-------"));

    ParsedManifest parsed = parser.parse(manifest);

    assertEquals(
        CredentialRef.file(cwdFile.toString()),
        ManifestPlans.toPlan(parsed).source().credentials(),
        "recorded absolute");
    assertEquals(1, parsed.warnings().size(), parsed.warnings().toString());
    assertTrue(
        parsed
            .warnings()
            .get(0)
            .startsWith(
                "spec.source.credentials: "
                    + relative
                    + " is not next to the manifest ("
                    + dir.resolve("valid").resolve(relative)
                    + "); using "
                    + cwdFile
                    + " in the current directory, as kcp resolves it."),
        parsed.warnings().get(0));
  }

  @Test
  void kubeconfigHomeIsExpandedFromTheEnvironment(@TempDir Path dir) throws Exception {
    Path manifest =
        InterpolationTest.copyValid(
            "kcp-file-creds.yaml", dir, "kubeconfig: kube/config", "kubeconfig: ~/.kube/config");
    assertEquals(
        "/home/operator/.kube/config",
        ManifestPlans.toPlan(parser.parse(manifest)).gateway().kubeconfig());
  }

  @Test
  void switchoverCrIsSnapshottedAtParseTime(@TempDir Path dir) throws Exception {
    Path manifest = InterpolationTest.copyValid("kcp-minimal.yaml", dir);
    ParsedManifest parsed = parser.parse(manifest);
    Files.writeString(
        dir.resolve("files/switchover-gateway.yaml"), "kind: Gateway\n# edited later\n");
    assertTrue(
        parsed.gateway().switchoverCr().contains("name: migration-route"),
        "the plan keeps what init read");
  }

  @Test
  void credentialFilesAreNotReadWhenTheyLiveOnlyOnTheWorker(@TempDir Path dir) throws Exception {
    Path manifest =
        InterpolationTest.copyValid(
            "kcp-file-creds.yaml",
            dir,
            "credentials: ../files/source-scram.yaml",
            "credentials: /run/secrets/worker-only.yaml");
    assertThrows(ManifestException.class, () -> parser.parse(manifest));
    MigrationPlan plan =
        ManifestPlans.toPlan(new ManifestParser(ManifestFixtures.env(), false).parse(manifest));
    assertEquals(CredentialRef.file("/run/secrets/worker-only.yaml"), plan.source().credentials());
  }

  @Test
  void missingManifestFileIsOneClearProblem(@TempDir Path dir) {
    ManifestException e =
        assertThrows(ManifestException.class, () -> parser.parse(dir.resolve("nope.yaml")));
    assertEquals(1, e.problems().size());
    assertTrue(e.problems().get(0).contains("nope.yaml does not exist"), e.problems().get(0));
  }

  @Test
  void aKcpManifestWithoutRolloutTimeoutParsesWithAWarning() throws Exception {
    ParsedManifest parsed =
        new ManifestParser(ManifestFixtures.env())
            .parse(ManifestFixtures.valid("kcp-minimal.yaml"));
    assertEquals("sandbox", ManifestPlans.toPlan(parsed).name());
    assertTrue(
        parsed.warnings().stream().anyMatch(w -> w.contains("rolloutTimeout")),
        parsed.warnings().toString());
  }

  @Test
  void cutoverExtensionsAreAcceptedOnlyUnderTheCutoverApiVersion(@TempDir Path dir)
      throws Exception {
    Path cutover = InterpolationTest.copyValid("cutover-all-policies.yaml", dir);
    assertTrue(parser.parse(cutover).policies().requireApproval());
    Path asKcp =
        InterpolationTest.copyValid(
            "cutover-all-policies.yaml",
            dir.resolve("k"),
            "apiVersion: cutover.io/v1alpha1",
            "apiVersion: kcp.confluent.io/v1alpha1");
    ManifestException e = assertThrows(ManifestException.class, () -> parser.parse(asKcp));
    List<String> extensionProblems =
        e.problems().stream().filter(p -> p.contains("cutover.io/v1alpha1")).toList();
    // confluent-platform source, env ref, 2 Secret refs, kubeContext, 5 policies
    assertEquals(10, extensionProblems.size(), e.problems().toString());
    assertFalse(
        e.problems().stream().anyMatch(p -> !p.contains("cutover.io/v1alpha1")),
        e.problems().toString());
  }

  @Test
  void inlineCredentialsUnderInterpolateAreExpandedBeforeTheirShapeIsChecked(@TempDir Path dir)
      throws Exception {
    Path manifest =
        InterpolationTest.copyValid(
            "interpolated.yaml", dir, "mechanism: SHA256", "mechanism: ${MECH}");
    Map<String, String> env = new java.util.HashMap<>(ManifestFixtures.env());
    env.put("MECH", "SHA512");
    assertEquals("orders-interp", new ManifestParser(env).parse(manifest).name());
    env.put("MECH", "MD5");
    ManifestException e =
        assertThrows(ManifestException.class, () -> new ManifestParser(env).parse(manifest));
    assertEquals(1, e.problems().size(), e.problems().toString());
    assertTrue(
        e.problems()
            .get(0)
            .startsWith("spec.source.credentials.sasl_scram.mechanism: is required"));
  }
}
