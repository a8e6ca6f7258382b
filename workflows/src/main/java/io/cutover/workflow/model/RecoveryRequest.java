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
 * @param who operator identity
 */
public record RecoveryRequest(
    MigrationPlan plan, ValidationReport validation, CutoverStep lastStep, boolean pointOfNoReturnPassed, String who) {}
