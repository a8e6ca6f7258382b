package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.model.PolicyCatalog;
import io.cutover.workflow.model.PolicyDescriptor;
import io.cutover.workflow.model.PolicyType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The policy table of docs/manifest.md is made from the descriptors: this test fails when the
 * committed table differs, and writes it when run with {@code -Dcutover.writeDocs=true} ({@link
 * #REGENERATE}).
 */
class PolicyDocsTest {
  static final Path MANIFEST_DOCS = Path.of("..", "docs", "manifest.md");
  static final String BEGIN =
      "<!-- policy table: made from PolicyCatalog by PolicyDocsTest; do not edit -->";
  static final String END = "<!-- end of policy table -->";
  static final String REGENERATE =
      "mvn -B -o -pl starter-cli -am test -Dtest=PolicyDocsTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dcutover.writeDocs=true";

  /** The table, one row per policy in the catalog's order. */
  static String table() {
    StringBuilder t =
        new StringBuilder("| key | type | default | rules and meaning | `execute` flag |\n")
            .append("|---|---|---|---|---|\n");
    for (PolicyDescriptor<?> d : PolicyCatalog.ALL) {
      t.append("| `")
          .append(d.name())
          .append("` | ")
          .append(typeName(d.type()))
          .append(" | `")
          .append(d.type().format(d.defaultValue()))
          .append("` | ")
          .append(rules(d))
          .append(" | `")
          .append(d.flag())
          .append(d.type().kind() == PolicyType.Kind.BOOLEAN ? "[=true\\|false]" : "")
          .append("` |\n");
    }
    return t.toString();
  }

  private static String typeName(PolicyType<?> type) {
    return switch (type.kind()) {
      case LONG, INT -> "integer";
      case DURATION -> "duration";
      case BOOLEAN -> "bool";
      case ENUM ->
          type.choices().stream().map(c -> "`" + c + "`").collect(Collectors.joining(" \\| "));
    };
  }

  private static String rules(PolicyDescriptor<?> d) {
    StringBuilder r = new StringBuilder();
    if (d.extension()) {
      r.append("**cutover**. ");
    }
    if (!d.section().equals(PolicyDescriptor.DEFAULT_SECTION)) {
      r.append("Written in `").append(d.section()).append("`; refused here, with a pointer. ");
    }
    r.append(d.doc()).append('.');
    if (d.retrySafe()) {
      r.append(" `execute` may change it when it retries a held step.");
    }
    return r.toString();
  }

  /** The text between the markers (the lines after BEGIN up to END). */
  static String committed(String docs) {
    int begin = docs.indexOf(BEGIN);
    int end = docs.indexOf(END);
    assertTrue(
        begin >= 0 && end > begin,
        MANIFEST_DOCS + " must hold the markers " + BEGIN + " and " + END);
    return docs.substring(begin + BEGIN.length() + 1, end);
  }

  @Test
  void theManifestDocsHoldThePolicyTableTheDescriptorsMake() throws IOException {
    String docs = Files.readString(MANIFEST_DOCS, StandardCharsets.UTF_8);
    String committed = committed(docs);
    if (Boolean.getBoolean("cutover.writeDocs")) {
      Files.writeString(
          MANIFEST_DOCS,
          docs.replace(BEGIN + "\n" + committed, BEGIN + "\n" + table()),
          StandardCharsets.UTF_8);
      return;
    }
    assertEquals(
        table(),
        committed,
        "docs/manifest.md's policy table is not the one PolicyCatalog makes;"
            + " regenerate it from the repository root with:\n  "
            + REGENERATE
            + "\n");
  }
}
