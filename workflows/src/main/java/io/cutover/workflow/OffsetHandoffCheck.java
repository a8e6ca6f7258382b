package io.cutover.workflow;

import io.cutover.workflow.activity.OffsetActivities.HandoffRequest;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.OffsetHandoff;
import io.cutover.workflow.model.TopicSet;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;

/**
 * The end of PROMOTE, before SWITCH: every consumer group's committed offsets handed from the
 * source to the destination (docs/architecture.md, "The offset handoff").
 */
final class OffsetHandoffCheck {
  /**
   * The change id of {@link Workflow#getVersion} for the handoff: a run started before it replays
   * as it ran (docs/architecture.md, "Determinism").
   */
  static final String OFFSET_HANDOFF = "consumer-offset-handoff";

  private final CutoverSteps steps;
  private final ControlState state;
  private final StatusBook book;
  private final Guard guard;

  OffsetHandoffCheck(CutoverSteps steps, ControlState state, StatusBook book, Guard guard) {
    this.steps = steps;
    this.state = state;
    this.book = book;
    this.guard = guard;
  }

  /**
   * With every mirror STOPPED and clients still fenced (no client can commit, so the source's
   * offsets are final), makes each group's destination offsets equal the source's. Past the point
   * of no return nothing here stops the run: a group left different is reported loudly with what to
   * do, and a handoff that cannot run is noted; clients are not kept fenced for it. Runs started
   * before the handoff existed skip it.
   */
  void run(TopicSet topics) {
    if (Workflow.getVersion(OFFSET_HANDOFF, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return;
    }
    var req =
        new HandoffRequest(
            Targets.Kafka.source(steps.plan),
            Targets.Kafka.destination(steps.plan),
            Targets.Link.of(steps.plan),
            topics);
    try {
      OffsetHandoff done = guard.protect(() -> steps.acts.fencedFinish.handOffConsumerOffsets(req));
      book.handoff(done);
      if (!done.allMatched()) {
        Workflow.getLogger(MigrationWorkflowImpl.class)
            .warn("Consumer offsets left different: {}", done.describe());
      }
    } catch (ActivityFailure f) {
      book.note(
          "Attempt "
              + state.attemptNumber()
              + ": the consumer-offset handoff could not run ("
              + Failures.describe(f)
              + "); compare each group's committed offsets on the source and the destination"
              + " (kafka-consumer-groups --describe) before its consumers read from the destination.");
    }
  }
}
