package io.cutover.workflow.model;

import java.util.List;

/**
 * What a recovery did.
 *
 * @param outcome where the clients are now
 * @param actions each action taken, in order, with what it observed
 */
public record RecoveryReport(Outcome outcome, List<String> actions) {
  public enum Outcome {
    /**
     * No topic was promoted: the fence is lifted and offset sync restored; clients are on the
     * source.
     */
    RETURNED_TO_SOURCE,
    /**
     * Some topics were promoted: promotion was finished and the route switched; clients are on the
     * destination.
     */
    FINISHED_ON_DESTINATION
  }

  public RecoveryReport {
    actions = actions == null ? List.of() : List.copyOf(actions);
  }
}
