package io.cutover.workflow.wave;

import io.cutover.workflow.model.Actor;
import java.util.List;

/**
 * The wave's {@code status} query.
 *
 * @param name the wave
 * @param step where the wave is
 * @param attempt wave executes so far
 * @param plan the rules in force (concurrency, failure policy, approval, window), as text
 * @param groups every group, in start order, each with why it waits when it does
 * @param approvals wave approvals received (approval: wave)
 * @param notes what happened, newest last (the latest few)
 * @param lastError why the last attempt stopped; null when it did not
 * @param nextAction what the operator can do now
 * @param run which run of the wave's workflow this is (it continues as new at rest)
 */
public record WaveStatus(
    String name,
    WaveStep step,
    int attempt,
    String plan,
    List<Row> groups,
    List<Actor> approvals,
    List<String> notes,
    String lastError,
    String nextAction,
    int run) {

  /**
   * @param group what the wave knows of it
   * @param waitingFor when it is not running yet: what it waits for; null otherwise
   */
  public record Row(GroupState group, String waitingFor) {}
}
