package io.cutover.workflow.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every check of VALIDATE, with what was snapshotted for the cutover.
 *
 * @param problems blocking problems, all of them, each naming what to fix
 * @param warnings non-blocking findings
 * @param topics the topics to cut over (the manifest's, or every mirror on the link)
 * @param gateway the live gateway CR snapshot (null when it could not be read)
 * @param offsetSyncConfigs the link's {@code consumer.offset.*} configs before any change
 * @param summary one line describing what was found
 */
public record ValidationReport(
    List<String> problems,
    List<String> warnings,
    List<String> topics,
    GatewaySnapshot gateway,
    Map<String, String> offsetSyncConfigs,
    String summary) {

  public ValidationReport {
    problems = problems == null ? List.of() : List.copyOf(problems);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
    topics = topics == null ? List.of() : List.copyOf(topics);
    // Sorted: a map the workflow may iterate must iterate the same way on every worker.
    offsetSyncConfigs = offsetSyncConfigs == null ? Map.of()
        : Collections.unmodifiableMap(new TreeMap<>(offsetSyncConfigs));
  }

  /** This report without its topic list, for records that must stay small (the count stays elsewhere). */
  public ValidationReport withoutTopics() {
    return new ValidationReport(problems, warnings, List.of(), gateway, offsetSyncConfigs, summary);
  }

  public boolean passed() {
    return problems.isEmpty();
  }

  public String problemsText() {
    StringBuilder sb = new StringBuilder(problems.size() + " problem(s) found:");
    problems.forEach(p -> sb.append("\n  - ").append(p));
    return sb.toString();
  }
}
