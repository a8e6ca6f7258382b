package io.cutover.workflow.model;

import java.time.Instant;

/**
 * Who asked for something, why, and when the workflow recorded it.
 *
 * @param who operator identity as given to the CLI or Web UI (e.g. {@code alice@example.com})
 * @param reason free text, recorded in status and the run report
 * @param at workflow time when it was accepted (set by the workflow; ignored on input)
 */
public record Actor(String who, String reason, Instant at) {
  public static Actor of(String who, String reason) {
    return new Actor(who, reason, null);
  }

  public Actor at(Instant when) {
    return new Actor(who, reason, when);
  }
}
