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
 * @param topics the topics to cut over (the manifest's, or every mirror on the link), by reference:
 *     never with names, so the report stays small (the plan has a listed set's names); null when
 *     validation could not resolve them
 * @param gateway the live gateway CR snapshot (null when it could not be read)
 * @param offsetSyncConfigs the link's {@code consumer.offset.*} configs before any change
 * @param summary one line describing what was found
 */
public record ValidationReport(
    List<String> problems,
    List<String> warnings,
    TopicSet topics,
    GatewaySnapshot gateway,
    Map<String, String> offsetSyncConfigs,
    String summary) {

  public ValidationReport {
    problems = problems == null ? List.of() : List.copyOf(problems);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
    topics = topics == null ? null : topics.withoutNames();
    // Sorted: a map the workflow may iterate must iterate the same way on every worker.
    offsetSyncConfigs =
        offsetSyncConfigs == null
            ? Map.of()
            : Collections.unmodifiableMap(new TreeMap<>(offsetSyncConfigs));
  }

  /** Topics in scope; 0 when validation could not resolve them. */
  public int topicCount() {
    return topics == null ? 0 : topics.total();
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
