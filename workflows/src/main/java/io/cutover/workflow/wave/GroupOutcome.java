package io.cutover.workflow.wave;

import io.cutover.workflow.CutoverStep;

/**
 * A group's state when a wave activity observed it (from its {@code progress} query).
 *
 * @param step its step
 * @param attempt its execute attempts so far
 * @param held a step after the point of no return failed and waits for the operator
 * @param pointOfNoReturnPassed a promote was accepted
 * @param closed its workflow has ended (DONE, or FAILED validation)
 * @param lastError its last failure; null when none
 * @param resting it waits for the operator or has ended (held, resting step, closed); false while
 *     an attempt runs
 */
public record GroupOutcome(
    CutoverStep step,
    int attempt,
    boolean held,
    boolean pointOfNoReturnPassed,
    boolean closed,
    String lastError,
    boolean resting) {}
