package io.cutover.workflow;

import io.cutover.workflow.model.Actor;
import io.cutover.workflow.model.ExecuteRequest;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.Policies;
import java.util.List;

/**
 * What each Update may do in the current phase. A rejection throws with a reason the caller sees;
 * nothing is recorded in history for a rejected Update.
 */
public final class UpdateRules {
  private UpdateRules() {}

  static void checkExecute(ControlState s, ExecuteRequest r, MigrationPlan plan) {
    requireWho(r == null ? null : r.who(), "execute");
    io.cutover.workflow.model.PlanSecrecy.requireNone("reason", r.reason());
    Policies base = plan.policies();
    switch (s.phase()) {
      case COMPENSATION_HELD ->
          reject(
              "the last rollback did not complete; run rollback to retry it before executing"
                  + " again");
      case DONE -> reject("the cutover is already complete");
      case FAILED -> reject("validation failed at init; run init again with a fixed manifest");
      case VALIDATING -> reject("validation is running; wait for it to finish, then execute");
      case QUEUED -> reject("an execute is already queued; follow it with `cutover status`");
      case RUNNING, COMPENSATING ->
          reject(
              "attempt "
                  + s.attemptNumber()
                  + " is already running (at "
                  + s.step()
                  + "); follow it with `cutover status`");
      case HELD -> {
        Attempt a = s.attempt();
        List<String> unsafe = a.unsafeChanges(r.overrides());
        if (!unsafe.isEmpty()) {
          reject(
              "attempt "
                  + a.number
                  + " is held at "
                  + s.step()
                  + ": a retry may change only "
                  + String.join(", ", Policies.RETRY_SAFE)
                  + ". "
                  + String.join(", ", unsafe)
                  + " shaped what this attempt"
                  + " already did (the fence it applied, the offset sync it paused) and cannot change now; drop "
                  + (unsafe.size() == 1 ? "that override" : "those overrides")
                  + " and execute again");
        }
        base = a.policies();
      }
      case IDLE -> {}
    }
    List<String> problems = r.overrides().applyTo(base).problems("overrides.");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          problems.size()
              + " problem(s) in the effective policy (the policies in force with the overrides"
              + " applied):\n  - "
              + String.join("\n  - ", problems));
    }
  }

  static void checkApprove(ControlState s, Actor a) {
    requireWho(a == null ? null : a.who(), "approve");
    io.cutover.workflow.model.PlanSecrecy.requireNone("reason", a.reason());
    if (s.phase() == ControlState.Phase.DONE) {
      reject("the cutover is already complete");
    }
    if (s.attemptRunning() && s.step().comesAfter(CutoverStep.AWAIT_APPROVAL)) {
      reject(
          "attempt "
              + s.attemptNumber()
              + " is already past AWAIT_APPROVAL (at "
              + s.step()
              + "); an approval now would not count for anything");
    }
  }

  static void checkRollback(ControlState s, Actor a) {
    requireWho(a == null ? null : a.who(), "rollback");
    io.cutover.workflow.model.PlanSecrecy.requireNone("reason", a.reason());
    if (s.compensationHeld()) {
      return; // retrying an incomplete rollback is always allowed
    }
    if (s.pointOfNoReturn()) {
      reject(
          "a promote was accepted: the topics are writable on the destination, so returning clients to the"
              + " source would split the data. The run goes on to SWITCH. "
              + NextActions.MANUAL_WAY_BACK);
    }
    if (s.promoteInFlight()) {
      reject(
          "a promote request is in flight and may be accepted; if it is not, rollback becomes possible again"
              + " in a moment (check `cutover status`)");
    }
    if (!s.attemptRunning()) {
      reject("nothing to roll back: no cutover attempt is running (at " + s.step() + ")");
    }
    if (s.abortCause() != null || s.compensating()) {
      reject("a rollback is already under way (" + s.abortCause() + ")");
    }
  }

  static void checkReinit(ControlState s, MigrationPlan current, MigrationPlan next) {
    if (next == null) {
      throw new IllegalArgumentException("reinit needs a plan");
    }
    io.cutover.workflow.model.PlanSecrecy.requireNone(
        next); // refused here, the plan never reaches history
    if (current != null && !current.name().equals(next.name())) {
      throw new IllegalArgumentException(
          "metadata.name: this workflow is migration \""
              + current.name()
              + "\"; the manifest names \""
              + next.name()
              + "\". A different name is a different migration.");
    }
    if (s.pointOfNoReturn() || s.phase() == ControlState.Phase.DONE) {
      reject(
          "the cutover is past the point of no return; re-initialising would discard the state needed to"
              + " finish it. To change policies, pass overrides to execute.");
    }
    if (!s.idle()) {
      reject(
          "a cutover attempt is running (at "
              + s.step()
              + "); roll it back first, then init again");
    }
    List<String> problems = next.policies().problems("spec.defaultPolicies.");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
  }

  /** Every Update names who sent it, and its free text holds no secret. */
  public static void requireWho(String who, String update) {
    io.cutover.workflow.model.PlanSecrecy.requireNone("who", who); // free text of every Update
    if (who == null || who.isBlank()) {
      throw new IllegalArgumentException(
          update
              + ": who is required (the CLI sends --as, default $USER),"
              + " so the history records who did it");
    }
  }

  private static void reject(String reason) {
    throw new IllegalStateException(reason);
  }
}
