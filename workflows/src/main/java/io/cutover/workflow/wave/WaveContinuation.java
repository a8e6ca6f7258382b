package io.cutover.workflow.wave;

import io.cutover.workflow.model.Actor;
import io.cutover.workflow.model.Approval;
import java.util.List;

/**
 * What a wave carries across a continue-as-new at rest: the groups as last observed and the wave's
 * own counters, never the groups' histories.
 *
 * @param pendingApprovals wave approvals that count for the next attempt
 * @param queuedExecute an execute accepted while the run was about to continue; null when none
 */
public record WaveContinuation(
    int attempt,
    WaveStep step,
    List<GroupState> groups,
    List<Approval> pendingApprovals,
    List<String> notes,
    String lastError,
    int run,
    Actor queuedExecute) {

  public WaveContinuation {
    groups = List.copyOf(groups);
    pendingApprovals = List.copyOf(pendingApprovals);
    notes = List.copyOf(notes);
  }
}
