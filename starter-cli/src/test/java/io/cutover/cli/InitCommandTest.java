package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.CutoverStep;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class InitCommandTest extends CliScenario {

  @Test
  void initStartsTheWorkflowValidatesAndPrintsThePlan() {
    CliRun r = cli("init", "-f", manifest.toString());
    assertEquals(ExitCodes.OK, r.exit(), r.all());
    assertTrue(r.out().contains("Started migration orders"), r.out());
    assertTrue(r.out().contains("✔ 2 active mirror topic(s)"), r.out());
    assertTrue(
        r.out().contains("NOT retriable for the Java client"),
        "the fence error notice is said: " + r.out());
    assertTrue(r.out().contains("Next: cutover execute orders"), r.out());
  }

  @Test
  void initAgainRevalidatesTheExistingMigration() {
    cli("init", "-f", manifest.toString());
    CliRun again = cli("init", "-f", manifest.toString());
    assertEquals(ExitCodes.OK, again.exit(), again.all());
    assertTrue(again.out().contains("exists: re-validating"), again.out());
    assertEquals(2, fake.count("validatePlan"));
  }

  @Test
  void validationProblemsArePrintedAndExitOne() {
    fake.validationProblems = List.of("topic orders is not an ACTIVE mirror (status: PAUSED)");
    CliRun r = cli("init", "-f", manifest.toString());
    assertEquals(ExitCodes.FAILED, r.exit(), r.all());
    assertTrue(r.all().contains("PAUSED"), r.all());
    assertTrue(r.all().contains("Nothing was changed"), r.all());
  }

  @Test
  void anInvalidManifestListsEveryProblemAndStartsNothing() throws Exception {
    Files.writeString(
        manifest,
        Files.readString(manifest)
            .replace("routes: [migration-route]", "routes: []")
            .replace("clusterId: lkc-test", "clusterId: ''"));
    CliRun r = cli("init", "-f", manifest.toString());
    assertEquals(ExitCodes.FAILED, r.exit(), r.all());
    assertTrue(r.err().contains("spec.gateway.fence.routes"), r.err());
    assertTrue(r.err().contains("spec.target.clusterId"), r.err());
    assertEquals(0, fake.calls.size(), "no workflow was started");
  }

  @Test
  void missingFileOptionIsAUsageError() {
    CliRun r = cli("init");
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains("Missing required option: '--file=MANIFEST'"), r.err());
  }

  @Test
  void reinitPastThePointOfNoReturnIsRefused() {
    cli("init", "-f", manifest.toString());
    fake.failures.put("switchRoutes", 1);
    cli("execute", "orders");
    CliRun r = cli("init", "-f", manifest.toString());
    assertEquals(ExitCodes.FAILED, r.exit(), r.all());
    assertTrue(r.err().contains("past the point of no return"), r.err());
    assertEquals(CutoverStep.SWITCH, Migrations.status(env.getWorkflowClient(), "orders").step());
  }
}
