package io.cutover.workflow.model;

/**
 * The {@code execute} Update: start (or resume) the cutover with optional policy overrides.
 *
 * @param who operator identity
 * @param overrides per-attempt policy overrides; null means none
 */
public record ExecuteRequest(String who, PolicyOverrides overrides) {
  public ExecuteRequest {
    overrides = overrides == null ? PolicyOverrides.none() : overrides;
  }
}
