package io.cutover.workflow.wave;

/**
 * What a wave waits for of one group.
 *
 * @param workflowId the group's workflow
 * @param minAttempt the group counts as settled only with at least this many attempts (0 at init:
 *     validated is enough)
 * @param acceptHeld a hold settles the wait too (the wave records it, then waits on for DONE)
 */
public record GroupWait(String workflowId, int minAttempt, boolean acceptHeld) {}
