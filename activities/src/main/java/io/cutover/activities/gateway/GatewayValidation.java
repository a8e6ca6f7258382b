package io.cutover.activities.gateway;

import io.cutover.workflow.model.GatewaySnapshot;
import java.util.List;

/**
 * What the gateway part of VALIDATE found.
 *
 * @param problems blocking findings, all of them, each naming the fix
 * @param warnings non-blocking findings
 * @param snapshot the live CR, cleaned; null when it could not be read
 * @param summary one line: how the CRs and secrets checked out
 */
public record GatewayValidation(
    List<String> problems, List<String> warnings, GatewaySnapshot snapshot, String summary) {
  public GatewayValidation {
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
  }

  public boolean passed() {
    return problems.isEmpty();
  }
}
