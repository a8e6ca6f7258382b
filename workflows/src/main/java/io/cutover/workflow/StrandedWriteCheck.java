package io.cutover.workflow;

import io.cutover.workflow.activity.OffsetActivities.StrandedRequest;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.StrandedWrites;
import io.cutover.workflow.model.TopicSet;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;

/** The end of PROMOTE: records written to the source after their mirror stopped. */
final class StrandedWriteCheck {
  /**
   * The change id of {@link Workflow#getVersion} for this check: a run started before it replays as
   * it ran (docs/architecture.md, "Determinism").
   */
  static final String STRANDED_WRITES_CHECK = "stranded-writes-check";

  private final CutoverSteps steps;
  private final ControlState state;
  private final StatusBook book;
  private final Guard guard;

  StrandedWriteCheck(CutoverSteps steps, ControlState state, StatusBook book, Guard guard) {
    this.steps = steps;
    this.state = state;
    this.book = book;
    this.guard = guard;
  }

  /**
   * With every mirror STOPPED and clients still fenced, finds records written to the source after
   * their mirror stopped (docs/architecture.md, "The steps"). Past the point of no return nothing
   * here stops the run: a finding is reported loudly and the cutover goes on to SWITCH; a check
   * that cannot run is noted, and clients are not kept fenced for it. Runs started before the check
   * existed skip it.
   */
  void run(TopicSet topics) {
    if (Workflow.getVersion(STRANDED_WRITES_CHECK, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return;
    }
    var req =
        new StrandedRequest(
            Targets.Kafka.source(steps.plan),
            Targets.Kafka.destination(steps.plan),
            Targets.Link.of(steps.plan),
            topics);
    try {
      StrandedWrites found = guard.protect(() -> steps.acts.fencedFinish.findStrandedWrites(req));
      book.stranded(found);
      if (found.any()) {
        Workflow.getLogger(MigrationWorkflowImpl.class)
            .warn("Stranded writes: {}", found.describe());
      }
    } catch (ActivityFailure f) {
      book.note(
          "Attempt "
              + state.attemptNumber()
              + ": the check for records written to the source after their mirror stopped could not"
              + " run ("
              + Failures.describe(f)
              + "); compare each partition's source end offset with the destination's by hand.");
    }
  }
}
