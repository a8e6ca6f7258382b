package io.cutover.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.manifest.ParsedWave.Approval;
import io.cutover.manifest.ParsedWave.FailurePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wave manifest names its groups' manifests, the order between them and the wave's rules. */
class WaveManifestParserTest {
  @TempDir Path dir;
  private final WaveManifestParser parser = new WaveManifestParser(new ManifestParser(Map.of()));

  @BeforeEach
  void memberFiles() throws Exception {
    Path files = Files.createDirectories(dir.resolve("files"));
    try (var s = Files.list(ManifestFixtures.files())) {
      for (Path f : s.toList()) {
        Files.copy(f, files.resolve(f.getFileName()));
      }
    }
    Files.createDirectories(dir.resolve("valid"));
  }

  /** A kcp manifest, unchanged but for its name, topics and route. */
  private void member(String name, String topics, String route) throws Exception {
    String text =
        ManifestFixtures.read(ManifestFixtures.valid("kcp-minimal.yaml"))
            .replace("name: sandbox\n", "name: " + name + "\n")
            .replace("routes: [migration-route]", "routes: [" + route + "]")
            .replace("  defaultPolicies:", "  topics: [" + topics + "]\n  defaultPolicies:");
    Files.writeString(dir.resolve("valid").resolve(name + ".yaml"), text);
  }

  private Path wave(String spec) throws Exception {
    Path w = dir.resolve("valid").resolve("wave.yaml");
    Files.writeString(
        w,
        "apiVersion: cutover.io/v1alpha1\nkind: MigrationWave\nmetadata:\n  name: wave-1\nspec:\n"
            + spec);
    return w;
  }

  private List<String> problems(Path wave) {
    return assertThrows(ManifestException.class, () -> parser.parse(wave)).problems();
  }

  @Test
  void aWaveReadsEveryMemberAsInitWouldAndStartsEachGroupAfterTheOnesItNames() throws Exception {
    member("orders", "orders", "orders-route");
    member("payments", "payments, refunds", "payments-route");
    member("billing", "invoices", "billing-route");
    ParsedWave w =
        parser.parse(
            wave(
                """
                  concurrency: 2
                  onFailure: continue
                  approval: wave
                  window: {timeZone: Europe/Berlin, start: "22:00", end: "04:00", days: [sat, sun]}
                  groups:
                    - manifest: payments.yaml
                      after: [orders]
                    - manifest: orders.yaml
                    - manifest: billing.yaml
                """));

    assertEquals("wave-1", w.name());
    assertEquals(2, w.concurrency());
    assertEquals(FailurePolicy.CONTINUE, w.onFailure());
    assertEquals(Approval.WAVE, w.approval());
    assertEquals(ZoneId.of("Europe/Berlin"), w.window().zone());
    assertEquals(LocalTime.of(22, 0), w.window().start());
    assertEquals(LocalTime.of(4, 0), w.window().end());
    assertEquals(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), w.window().days());
    assertEquals(
        List.of("payments", "orders", "billing"), w.groups().stream().map(g -> g.name()).toList());
    assertEquals(List.of("payments", "refunds"), w.groups().get(0).manifest().topics());
    assertEquals(List.of("orders", "payments", "billing"), w.startOrder());
  }

  @Test
  void theWorkflowsPlanListsTheGroupsInStartOrderWithTheWindowAsWritten() throws Exception {
    member("orders", "orders", "orders-route");
    member("payments", "payments", "payments-route");
    ParsedWave w =
        parser.parse(
            wave(
                """
                  approval: wave
                  window: {timeZone: Europe/Berlin, start: "22:00", end: "04:00", days: [sun, sat]}
                  groups:
                    - manifest: payments.yaml
                      after: [orders]
                    - manifest: orders.yaml
                """));
    io.cutover.workflow.wave.WavePlan plan = ManifestPlans.toWavePlan(w);

    assertEquals(
        List.of("orders", "payments"),
        plan.groups().stream().map(io.cutover.workflow.wave.WavePlan.WaveGroup::name).toList());
    assertEquals(List.of("orders"), plan.groups().get(1).after());
    assertEquals(List.of("payments"), plan.groups().get(1).plan().topics());
    assertEquals(
        new io.cutover.workflow.wave.WaveWindow(
            "Europe/Berlin", "22:00", "04:00", List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)),
        plan.window());
    assertEquals(io.cutover.workflow.wave.WavePlan.ApprovalMode.WAVE, plan.approval());
    assertEquals(List.of(), plan.problems(), "the workflow accepts what the reader accepted");
  }

  @Test
  void withoutRulesAWaveStartsOneGroupAtATimeStopsAfterAFailureAndAsksEachGroup() throws Exception {
    member("orders", "orders", "orders-route");
    ParsedWave w = parser.parse(wave("  groups:\n    - manifest: orders.yaml\n"));
    assertEquals(1, w.concurrency());
    assertEquals(FailurePolicy.STOP, w.onFailure());
    assertEquals(Approval.GROUP, w.approval());
    assertEquals(null, w.window());
  }

  @Test
  void everyBadRuleIsReportedTogetherWithItsFieldAndNothingElseIsRead() throws Exception {
    member("orders", "orders", "orders-route");
    List<String> problems =
        problems(
            wave(
                """
                  concurrency: 0
                  onFailure: maybe
                  approval: boss
                  window: {timeZone: Mars/Olympus, start: "25:00", end: "4pm", days: [fun]}
                  groups:
                    - manifest: orders.yaml
                      afterr: []
                """));
    assertEquals(8, problems.size(), problems.toString());
    List<String> fields =
        List.of(
            "spec.concurrency: must be between 1 and 1000",
            "spec.onFailure: must be one of stop, continue",
            "spec.approval: must be one of wave, group",
            "spec.window.timeZone: \"Mars/Olympus\" is not a time zone",
            "spec.window.start: must be a time of day as HH:MM",
            "spec.window.end: must be a time of day as HH:MM",
            "spec.window.days[0]: \"fun\" is not a day",
            "spec.groups[0].afterr: unknown key; did you mean \"after\"?");
    for (String f : fields) {
      assertTrue(problems.stream().anyMatch(p -> p.startsWith(f)), f + " in " + problems);
    }
  }

  @Test
  void aCycleOfAfterListsIsNamedGroupByGroup() throws Exception {
    member("orders", "orders", "orders-route");
    member("payments", "payments", "payments-route");
    member("billing", "invoices", "billing-route");
    List<String> problems =
        problems(
            wave(
                """
                  groups:
                    - manifest: billing.yaml
                    - manifest: orders.yaml
                      after: [payments]
                    - manifest: payments.yaml
                      after: [orders]
                """));
    assertEquals(
        List.of(
            "spec.groups: the after lists form a cycle: orders -> payments -> orders (each waits"
                + " for the next); remove one of these after entries"),
        problems);
  }

  @Test
  void anAfterEntryMustNameAnotherGroupOfTheWave() throws Exception {
    member("orders", "orders", "orders-route");
    member("payments", "payments", "payments-route");
    List<String> problems =
        problems(
            wave(
                """
                  groups:
                    - manifest: orders.yaml
                      after: [orders]
                    - manifest: payments.yaml
                      after: [shipping]
                """));
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("spec.groups[0].after[0]: \"orders\" is this group"));
    assertTrue(
        problems
            .get(1)
            .startsWith("spec.groups[1].after[0]: \"shipping\" is no group of this wave"),
        problems.get(1));
    assertTrue(problems.get(1).contains("(orders, payments)"), problems.get(1));
  }

  @Test
  void aMembersProblemsCarryThePathOfTheGroupThatNamesIt() throws Exception {
    member("orders", "orders", "orders-route");
    Files.writeString(
        dir.resolve("valid").resolve("broken.yaml"),
        ManifestFixtures.read(ManifestFixtures.valid("kcp-minimal.yaml"))
            .replace("name: sandbox\n", "name: broken\n")
            .replace("  clusterLink:", "  bogus: 1\n  clusterLink:"));
    List<String> problems =
        problems(
            wave(
                "  groups:\n    - manifest: orders.yaml\n    - manifest: broken.yaml\n"
                    + "    - manifest: missing.yaml\n"));
    assertTrue(
        problems.stream()
            .anyMatch(p -> p.startsWith("spec.groups[1].manifest (broken.yaml): spec.bogus:")),
        problems.toString());
    assertTrue(
        problems.stream().anyMatch(p -> p.startsWith("spec.groups[2].manifest (missing.yaml): ")),
        problems.toString());
  }

  @Test
  void groupsThatShareATopicOrARouteOrANameAreRefused() throws Exception {
    member("orders", "orders, refunds", "orders-route");
    member("payments", "payments, refunds", "orders-route");
    List<String> problems =
        problems(wave("  groups:\n    - manifest: orders.yaml\n    - manifest: payments.yaml\n"));
    assertEquals(
        List.of(
            "spec.groups[1]: topic(s) refunds on link sandbox-link also belong to group orders"
                + " (spec.groups[0]); a topic is cut over by one group only",
            "spec.groups[1]: route(s) orders-route of gateway default/sandbox-gateway are also"
                + " fenced by group orders (spec.groups[0]); give each group its own route"),
        problems);

    List<String> twice =
        problems(wave("  groups:\n    - manifest: orders.yaml\n    - manifest: orders.yaml\n"));
    assertTrue(
        twice.get(0).startsWith("spec.groups[1].manifest: its metadata.name \"orders\" is also"),
        twice.toString());
  }

  @Test
  void twoGroupsPausingOffsetSyncOnOneLinkMayNotRunAtOnce() throws Exception {
    for (String g : List.of("orders", "payments", "billing")) {
      member(g, g, g + "-route");
      Path f = dir.resolve("valid").resolve(g + ".yaml");
      Files.writeString(
          f,
          Files.readString(f)
              .replace(
                  "    name: sandbox-link\n",
                  "    name: sandbox-link\n    pauseConsumerOffsetSync: true\n"));
    }
    List<String> problems =
        problems(
            wave(
                "  concurrency: 2\n  groups:\n    - manifest: orders.yaml\n"
                    + "    - manifest: payments.yaml\n      after: [orders]\n"
                    + "    - manifest: billing.yaml\n"));
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(
        problems
            .get(0)
            .startsWith(
                "spec.groups[2]: pauses consumer offset sync on link sandbox-link as group orders"
                    + " (spec.groups[0]) does, and the two may run at once (spec.concurrency 2)"),
        problems.get(0));
    assertTrue(problems.get(1).contains("as group payments (spec.groups[1])"), problems.get(1));
    assertTrue(problems.get(0).contains("set spec.concurrency: 1"), problems.get(0));

    // One at a time, the same groups are fine; payments after orders was fine all along.
    parser.parse(
        wave(
            "  groups:\n    - manifest: orders.yaml\n"
                + "    - manifest: payments.yaml\n      after: [orders]\n"
                + "    - manifest: billing.yaml\n"));
    // Waiting through another group counts (billing after payments after orders), and a group that
    // does not pause (shipping) may run beside any of them.
    member("shipping", "shipping", "shipping-route");
    parser.parse(
        wave(
            "  concurrency: 2\n  groups:\n    - manifest: orders.yaml\n"
                + "    - manifest: payments.yaml\n      after: [orders]\n"
                + "    - manifest: billing.yaml\n      after: [payments]\n"
                + "    - manifest: shipping.yaml\n"));
  }

  @Test
  void oneGroupsManifestGivenAsAWaveSaysWhatToDoWithIt() throws Exception {
    member("orders", "orders", "orders-route");
    List<String> problems = problems(dir.resolve("valid").resolve("orders.yaml"));
    assertTrue(
        problems.stream()
            .anyMatch(
                p -> p.startsWith("kind: must be \"MigrationWave\": this is one group's manifest")),
        problems.toString());
  }
}
