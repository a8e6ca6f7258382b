package io.cutover.activities.clusterlink;

import java.util.List;

/**
 * A cluster link as {@code GET .../links/{link}} describes it. CP may omit state and error.
 *
 * @param linkState ACTIVE, FAILED, UNAVAILABLE, PAUSED, UNKNOWN; empty when the server omits it
 * @param linkError e.g. NO_ERROR, AUTHENTICATION_ERROR; empty when omitted
 * @param linkErrorMessage the server's text for linkError; empty when none
 * @param tasks per-task states, only when asked for with {@code include_tasks}
 */
public record LinkDescription(
    String linkName,
    String clusterLinkId,
    String sourceClusterId,
    String linkState,
    String linkError,
    String linkErrorMessage,
    List<String> topicNames,
    List<LinkTask> tasks) {

  public LinkDescription {
    topicNames = List.copyOf(topicNames);
    tasks = List.copyOf(tasks);
  }

  /** True when the server reports ACTIVE, or reports no state at all (CP). */
  public boolean activeOrUnreported() {
    return linkState.isEmpty() || linkState.equals("ACTIVE");
  }

  /**
   * One link task (e.g. consumer offset sync).
   *
   * @param errors {@code error_code: error_message} per task error
   */
  public record LinkTask(String taskName, String state, List<String> errors) {
    public LinkTask {
      errors = List.copyOf(errors);
    }
  }
}
