package io.cutover.workflow.model;

/**
 * An approval and the attempt it counts for: one given before an attempt starts is kept for it.
 *
 * @param actor who approved, why, and when
 * @param forAttempt the execute attempt it counts for
 */
public record Approval(Actor actor, int forAttempt) {}
