package io.cutover.workflow.wave;

import io.cutover.workflow.CutoverStep;

/**
 * What a group answered the wave's rollback.
 *
 * @param name the group
 * @param rolledBack it accepted: it compensates and rests at ROLLED_BACK
 * @param step its step when it answered
 * @param message its answer: what it does now, or why it refused (past the point of no return: it
 *     goes forward to DONE on the destination)
 */
public record GroupRollback(String name, boolean rolledBack, CutoverStep step, String message) {}
