package io.cutover.workflow.model;

import java.time.Instant;

/** One compensating action of a rollback, as it ran. */
public record CompensationRecord(
    int attempt, String action, Instant startedAt, Instant endedAt, boolean ok, String detail) {}
