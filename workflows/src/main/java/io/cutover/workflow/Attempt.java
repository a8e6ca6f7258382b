package io.cutover.workflow;

import io.cutover.workflow.model.Policies;
import io.cutover.workflow.model.PolicyOverrides;
import java.util.List;

/**
 * One execute attempt: its number, the policies frozen when it started, and the decisions it took.
 * What the attempt did is driven by these decisions, never by policies read later: a retry of a
 * held step may change only {@link Policies#RETRY_SAFE} (docs/architecture.md, "State").
 */
final class Attempt {
  final int number;
  private Policies policies;

  /** The disable of offset sync was scheduled: from here on the attempt must restore it. */
  private boolean offsetSyncDisableScheduled;

  /** A promote request is out and its outcome is not settled yet. */
  private boolean promoteInFlight;

  /** A promote was (or may have been) accepted: no way back to the source. */
  private boolean pointOfNoReturn;

  /** The abort raised in this attempt, if any; it dies with the attempt. */
  private AbortSignal abort;

  Attempt(int number, Policies policies) {
    this.number = number;
    this.policies = policies;
  }

  Policies policies() {
    return policies;
  }

  /** The policies changed by {@code overrides} that a retry may not change; empty when it may. */
  List<String> unsafeChanges(PolicyOverrides overrides) {
    return overrides.changes(policies).stream()
        .filter(n -> !Policies.RETRY_SAFE.contains(n))
        .toList();
  }

  /** Applies a held retry's overrides; the caller has refused unsafe ones in the validator. */
  Policies retryWith(PolicyOverrides overrides) {
    policies = overrides.applyTo(policies);
    return policies;
  }

  boolean offsetSyncDisableScheduled() {
    return offsetSyncDisableScheduled;
  }

  void offsetSyncDisableScheduling() {
    offsetSyncDisableScheduled = true;
  }

  boolean promoteInFlight() {
    return promoteInFlight;
  }

  void promoteInFlight(boolean inFlight) {
    promoteInFlight = inFlight;
  }

  boolean pointOfNoReturn() {
    return pointOfNoReturn;
  }

  void passPointOfNoReturn() {
    pointOfNoReturn = true;
  }

  AbortSignal abort() {
    return abort;
  }

  /** Records the first abort; later ones are ignored (the first cause is the one reported). */
  void abort(AbortSignal signal) {
    if (abort == null) {
      abort = signal;
    }
  }

  /** Forgets an abort that can no longer be carried out; returns its cause, or null. */
  String dropAbort() {
    String cause = abort == null ? null : abort.cause();
    abort = null;
    return cause;
  }
}
