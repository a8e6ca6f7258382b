package io.cutover.workflow.model;

/**
 * The {@code execute} Update: start (or resume) the cutover with optional policy overrides.
 *
 * @param who operator identity
 * @param overrides per-attempt policy overrides; null means none
 * @param reason why (a change ticket, a note), recorded in the run's notes; null when not given.
 *     Added after 0.2's first histories, whose requests have no reason.
 */
public record ExecuteRequest(String who, PolicyOverrides overrides, String reason) {
  public ExecuteRequest {
    overrides = overrides == null ? PolicyOverrides.none() : overrides;
  }

  public ExecuteRequest(String who, PolicyOverrides overrides) {
    this(who, overrides, null);
  }
}
