package io.cutover.workflow.wave;

import java.util.List;

/**
 * The answer to a wave's rollback: per group, what it does now.
 *
 * @param answered the groups that were running, with their answers: rolled back, or refused past
 *     their point of no return (they go forward to DONE on the destination)
 * @param done groups already cut over: they stay on the destination
 * @param notStarted groups the wave had not started: it will not start them
 */
public record WaveRollbackReport(
    List<GroupRollback> answered, List<String> done, List<String> notStarted) {

  /** One line per outcome, for the CLI and the Web UI. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    for (GroupRollback r : answered) {
      s.append(r.name())
          .append(r.rolledBack() ? ": rolling back: " : ": cannot roll back: ")
          .append(r.message())
          .append('\n');
    }
    if (!done.isEmpty()) {
      s.append("done, staying on the destination: ").append(String.join(", ", done)).append('\n');
    }
    if (!notStarted.isEmpty()) {
      s.append("not started, and will not be: ").append(String.join(", ", notStarted)).append('\n');
    }
    return s.toString().strip();
  }
}
