package io.cutover.workflow;

import io.cutover.workflow.model.CompensationRecord;
import io.temporal.failure.ActivityFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The undo actions of one attempt, registered before the step they undo and run in reverse. Every
 * action runs even if an earlier one failed: an unfence must not be skipped because an offset sync
 * restore failed.
 */
final class Compensations {
  private record Action(String name, Runnable body) {}

  private final List<Action> actions = new ArrayList<>();

  void register(String name, Runnable body) {
    actions.add(new Action(name, body));
  }

  /** Runs every action, last registered first. Returns the failures, empty if all succeeded. */
  List<String> runAll(StatusBook book, int attempt) {
    List<String> failures = new ArrayList<>();
    for (int i = actions.size() - 1; i >= 0; i--) {
      Action a = actions.get(i);
      Instant started = StatusBook.now();
      try {
        a.body().run();
        book.compensation(
            new CompensationRecord(attempt, a.name(), started, StatusBook.now(), true, null));
      } catch (ActivityFailure e) {
        String why = Failures.describe(e);
        failures.add(a.name() + ": " + why);
        book.compensation(
            new CompensationRecord(attempt, a.name(), started, StatusBook.now(), false, why));
      }
    }
    return failures;
  }
}
