package io.cutover.workflow.model;

import io.cutover.workflow.CutoverStep;

/**
 * What {@code cutover recover} read from a migration run that ended without finishing (terminated,
 * or stopped by the server): the plan it ran and what it had observed.
 *
 * @param plan the run's plan (its start input)
 * @param validation the run's latest validation report: the gateway snapshot, the offset-sync
 *     configs and the topics in scope
 * @param lastStep the step the run was in when it ended
 * @param pointOfNoReturnPassed the run had a promote accepted
 * @param offsetSyncDisabled the run scheduled the disable of offset sync, so recovery restores it
 * @param settle how long to wait before reading anything: a write of the ended run (promote,
 *     disable, gateway) that was scheduled and never closed may still be running on a worker; zero
 *     when none was
 * @param who operator identity
 */
public record RecoveryRequest(
    MigrationPlan plan,
    ValidationReport validation,
    CutoverStep lastStep,
    boolean pointOfNoReturnPassed,
    boolean offsetSyncDisabled,
    java.time.Duration settle,
    String who) {}
