package io.cutover.workflow.model;

import io.cutover.workflow.CutoverStep;
import java.time.Instant;

/**
 * One rollback: why, from which step, and who asked (null actor when the workflow decided itself).
 */
public record RollbackRecord(
    int attempt, CutoverStep fromStep, String cause, Actor requestedBy, Instant at) {}
