package io.cutover.manifest;

import io.cutover.workflow.model.CredentialLook;
import java.nio.file.Path;
import java.util.List;

/**
 * A manifest that cannot be used, with every problem found (each starting with the field path) and
 * any warnings. Messages never quote secret values or source lines.
 */
public final class ManifestException extends Exception {

  private final transient Path file;
  private final List<String> problems;
  private final List<String> warnings;

  public ManifestException(Path file, List<String> problems, List<String> warnings) {
    super(render(file, redacted(problems)));
    this.file = file;
    this.problems = redacted(problems);
    this.warnings = redacted(warnings);
  }

  /**
   * The last guard: a message that still quotes something credential-shaped (a key, say) is masked.
   */
  private static List<String> redacted(List<String> lines) {
    return lines.stream().map(CredentialLook::redact).toList();
  }

  public Path file() {
    return file;
  }

  /** Every problem, in manifest order; at least one. */
  public List<String> problems() {
    return problems;
  }

  public List<String> warnings() {
    return warnings;
  }

  private static String render(Path file, List<String> problems) {
    StringBuilder sb =
        new StringBuilder()
            .append(problems.size())
            .append(" problem(s) found in the migration manifest ")
            .append(file)
            .append(':');
    problems.forEach(p -> sb.append("\n  - ").append(p));
    return sb.toString();
  }
}
