package io.cutover.workflow.model;

import io.cutover.workflow.CutoverStep;
import java.util.List;

/**
 * What a migration carries into its next run when it continues as new at a resting point
 * (docs/architecture.md, "Continue-as-new"): the counters, what is owed to the next attempt, and a
 * compact record of the past, so {@code status} still tells the group's whole story. A wire format:
 * add components only.
 *
 * @param run the number of the run that starts with this (the first run is 1)
 * @param attempts execute attempts made so far
 * @param restingAt AWAIT_EXECUTE or ROLLED_BACK
 * @param lastError the last failure, with its cause
 * @param validation the latest validation report, without its topic list
 * @param topicCount topics in scope at the latest validation
 * @param steps the step records of the last attempts (older ones are summarised by rollbacks)
 * @param approvals every approval given, for the record
 * @param pendingApprovals approvals given for attempts that have not started yet
 * @param rollbacks every rollback so far
 * @param compensations the compensating actions of the last attempts
 * @param notes things the operator should know, most recent last
 * @param notices things said once
 * @param pendingExecute an execute accepted but not yet started; null when none
 */
public record Continuation(
    int run,
    int attempts,
    CutoverStep restingAt,
    String lastError,
    ValidationReport validation,
    int topicCount,
    List<StepRecord> steps,
    List<Actor> approvals,
    List<Approval> pendingApprovals,
    List<RollbackRecord> rollbacks,
    List<CompensationRecord> compensations,
    List<String> notes,
    List<String> notices,
    ExecuteRequest pendingExecute) {

  public Continuation {
    steps = steps == null ? List.of() : List.copyOf(steps);
    approvals = approvals == null ? List.of() : List.copyOf(approvals);
    pendingApprovals = pendingApprovals == null ? List.of() : List.copyOf(pendingApprovals);
    rollbacks = rollbacks == null ? List.of() : List.copyOf(rollbacks);
    compensations = compensations == null ? List.of() : List.copyOf(compensations);
    notes = notes == null ? List.of() : List.copyOf(notes);
    notices = notices == null ? List.of() : List.copyOf(notices);
  }
}
