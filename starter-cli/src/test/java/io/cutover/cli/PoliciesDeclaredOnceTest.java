package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.manifest.ManifestException;
import io.cutover.manifest.ManifestParser;
import io.cutover.manifest.ManifestPlans;
import io.cutover.workflow.model.Policies;
import io.cutover.workflow.model.PolicyCatalog;
import io.cutover.workflow.model.PolicyDescriptor;
import io.cutover.workflow.model.PolicyOverrides;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every policy descriptor reaches each place a policy is used: the manifest (in its mapping, under
 * both apiVersions), execute's flag, the override, the printer and the docs table. Each policy is
 * set to a value that is not its default, so a place that ignores one fails here.
 */
class PoliciesDeclaredOnceTest {
  @TempDir Path dir;

  /** A valid value other than the default; together they are valid policies too. */
  static Object sample(PolicyDescriptor<?> d) {
    Object v = d.defaultValue();
    return switch (d.type().kind()) {
      case LONG -> (Long) v + 1;
      case INT -> (Integer) v + 1;
      case DURATION -> ((Duration) v).plusMinutes(1);
      case BOOLEAN -> !(Boolean) v;
      case ENUM ->
          d.type().choices().get((((Enum<?>) v).ordinal() + 1) % d.type().choices().size());
    };
  }

  private static <T> Policies withSample(Policies p, PolicyDescriptor<T> d) {
    return p.with(d, d.type().javaType().cast(sample(d)));
  }

  private static <T> PolicyOverrides overrideWithSample(PolicyDescriptor<T> d) {
    return PolicyOverrides.none().with(d, d.type().javaType().cast(sample(d)));
  }

  private static String yaml(PolicyDescriptor<?> d) {
    return "    " + d.name() + ": " + d.type().format(sample(d)) + "\n";
  }

  /** A manifest with the given policies written in their mappings. */
  private Path manifest(String apiVersion, List<PolicyDescriptor<?>> policies) throws IOException {
    StringBuilder link = new StringBuilder();
    StringBuilder defaults = new StringBuilder();
    for (PolicyDescriptor<?> d : policies) {
      if (d.section().equals("spec.clusterLink")) {
        link.append(yaml(d));
      } else {
        assertEquals(
            PolicyDescriptor.DEFAULT_SECTION,
            d.section(),
            "a mapping this test can write: " + d.name());
        defaults.append(yaml(d));
      }
    }
    Path m =
        TestManifests.write(
            dir,
            "orders",
            link.toString(),
            defaults.isEmpty() ? "" : "  defaultPolicies:\n" + defaults);
    Files.writeString(
        m,
        Files.readString(m)
            .replace("apiVersion: cutover.io/v1alpha1", "apiVersion: " + apiVersion));
    return m;
  }

  /** The effective policies of the plan {@code init} would start. */
  private static Policies policies(Path manifest) throws ManifestException {
    return ManifestPlans.toPlan(new ManifestParser(Map.of()).parse(manifest)).policies();
  }

  @Test
  void everyPolicyIsReadFromTheManifestInItsMapping() throws Exception {
    Policies read = policies(manifest("cutover.io/v1alpha1", PolicyCatalog.ALL));
    for (PolicyDescriptor<?> d : PolicyCatalog.ALL) {
      assertEquals(sample(d), d.get(read), d.path());
    }
  }

  @Test
  void underTheKcpApiVersionEveryCutoverPolicyIsRefusedAndEveryOtherRead() throws Exception {
    List<PolicyDescriptor<?>> kcp = PolicyCatalog.ALL.stream().filter(d -> !d.extension()).toList();
    Policies read = policies(manifest("kcp.confluent.io/v1alpha1", kcp));
    kcp.forEach(d -> assertEquals(sample(d), d.get(read), d.path()));

    List<PolicyDescriptor<?>> cutover =
        PolicyCatalog.ALL.stream().filter(PolicyDescriptor::extension).toList();
    ManifestException e =
        assertThrows(
            ManifestException.class,
            () -> policies(manifest("kcp.confluent.io/v1alpha1", cutover)));
    for (PolicyDescriptor<?> d : cutover) {
      assertTrue(
          e.problems()
              .contains(
                  d.path()
                      + ": unknown key; it is a cutover extension: set apiVersion:"
                      + " cutover.io/v1alpha1 to use it"),
          d.name() + " in " + e.problems());
    }
    assertEquals(cutover.size(), e.problems().size(), e.problems().toString());
  }

  @Test
  void everyPolicyHasItsExecuteFlag() {
    try (ApplicationContext ctx = ApplicationContext.run()) {
      CommandLine root = CutoverCli.commandLine(ctx);
      CommandLine execute = root.getSubcommands().get("execute");
      List<String> args = new ArrayList<>(List.of("execute", "orders"));
      for (PolicyDescriptor<?> d : PolicyCatalog.ALL) {
        OptionSpec option = execute.getCommandSpec().findOption(d.flag());
        assertNotNull(option, d.flag() + " is an option of execute");
        args.add(d.flag() + "=" + d.type().format(sample(d)));
      }
      root.parseArgs(args.toArray(String[]::new));
      PolicyOverrides parsed = ((ExecuteCommand) execute.getCommand()).policies.toOverrides();
      PolicyCatalog.ALL.forEach(d -> assertEquals(sample(d), d.get(parsed), d.flag()));

      String help = CliRun.run(CutoverCli.commandLine(ctx), "execute", "--help").out();
      PolicyCatalog.ALL.forEach(
          d -> assertTrue(help.contains(d.flag()), d.flag() + " in\n" + help));
    }
  }

  @Test
  void everyPolicyCanBeOverriddenAloneByExecute() {
    for (PolicyDescriptor<?> d : PolicyCatalog.ALL) {
      PolicyOverrides one = overrideWithSample(d);
      Policies next = one.applyTo(Policies.defaults());
      assertEquals(sample(d), d.get(next), d.name());
      assertEquals(List.of(d.name()), one.changes(Policies.defaults()));
    }
  }

  @Test
  void everyPolicyIsPrintedWithItsValue() {
    for (PolicyDescriptor<?> d : PolicyCatalog.ALL) {
      String printed = " " + Printer.policies(withSample(Policies.defaults(), d)) + " ";
      assertTrue(
          printed.contains(" " + d.name() + "=" + d.type().format(sample(d)) + " "),
          d.name() + ": " + printed);
    }
  }

  @Test
  void everyPolicyHasItsRowInTheDocsTableWithItsFlag() throws IOException {
    String table =
        PolicyDocsTest.committed(
            Files.readString(PolicyDocsTest.MANIFEST_DOCS, StandardCharsets.UTF_8));
    List<String> rows = table.lines().filter(l -> l.startsWith("| `")).toList();
    assertEquals(PolicyCatalog.ALL.size(), rows.size(), table);
    for (int i = 0; i < rows.size(); i++) {
      PolicyDescriptor<?> d = PolicyCatalog.ALL.get(i);
      assertTrue(rows.get(i).startsWith("| `" + d.name() + "` |"), rows.get(i));
      assertTrue(rows.get(i).contains("| `" + d.flag()), rows.get(i));
      assertTrue(
          rows.get(i).contains("| `" + d.type().format(d.defaultValue()) + "` |"), rows.get(i));
    }
  }
}
