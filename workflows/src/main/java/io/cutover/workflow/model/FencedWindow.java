package io.cutover.workflow.model;

import java.time.Instant;

/**
 * How long clients were fenced: from the start of the FENCE step of the completing attempt to the
 * end of SWITCH (the switchover CR carries no fence). Conservative: includes the rollouts.
 */
public record FencedWindow(Instant fencedAt, Instant unfencedAt, long millis) {}
