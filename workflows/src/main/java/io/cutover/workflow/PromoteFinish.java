package io.cutover.workflow;

import io.cutover.workflow.activity.OffsetActivities.HandoffRequest;
import io.cutover.workflow.activity.OffsetActivities.StrandedRequest;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.MirrorStops;
import io.cutover.workflow.model.OffsetHandoff;
import io.cutover.workflow.model.StrandedWrites;
import io.cutover.workflow.model.TopicSet;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;

/**
 * The end of PROMOTE, with every mirror STOPPED and clients still fenced, before SWITCH: records
 * written to the source after their mirror stopped, and, at the same time, every consumer group's
 * committed offsets handed to the destination (docs/architecture.md, "The steps" and "The offset
 * handoff"); runs started before {@link #CHECKS_TOGETHER} run them one after the other. Past the
 * point of no return nothing here stops the run: a finding is reported loudly and the cutover goes
 * on; a check that cannot run is noted, and clients are not kept fenced for it. Runs started before
 * a check existed skip it.
 */
final class PromoteFinish {
  /**
   * The change ids of {@link Workflow#getVersion} for the two checks: a run started before one
   * replays as it ran (docs/architecture.md, "Determinism").
   */
  static final String STRANDED_WRITES_CHECK = "stranded-writes-check";

  static final String OFFSET_HANDOFF = "consumer-offset-handoff";

  /** The change id of running the two checks at the same time instead of one after the other. */
  static final String CHECKS_TOGETHER = "fenced-finish-together";

  private final CutoverSteps steps;
  private final ControlState state;
  private final StatusBook book;
  private final Guard guard;

  PromoteFinish(CutoverSteps steps, ControlState state, StatusBook book, Guard guard) {
    this.steps = steps;
    this.state = state;
    this.book = book;
    this.guard = guard;
  }

  void run(TopicSet topics) {
    Targets.Kafka source = Targets.Kafka.source(steps.plan);
    Targets.Kafka destination = Targets.Kafka.destination(steps.plan);
    Targets.Link link = Targets.Link.of(steps.plan);
    String stopsGroup =
        StrandedWritesWatch.enabled() ? MirrorStops.groupFor(steps.plan.name()) : null;
    Check<StrandedWrites> stranded =
        new Check<>(
            STRANDED_WRITES_CHECK,
            () ->
                steps.acts.fencedFinish.findStrandedWrites(
                    new StrandedRequest(source, destination, link, topics, stopsGroup)),
            "the check for records written to the source after their mirror stopped",
            "compare each partition's source end offset with the destination's by hand.");
    Check<OffsetHandoff> handoff =
        new Check<>(
            OFFSET_HANDOFF,
            () ->
                steps.acts.fencedFinish.handOffConsumerOffsets(
                    new HandoffRequest(source, destination, link, topics)),
            "the consumer-offset handoff",
            "compare each group's committed offsets on the source and the destination"
                + " (kafka-consumer-groups --describe) before its consumers read from the"
                + " destination.");
    if (Workflow.getVersion(CHECKS_TOGETHER, Workflow.DEFAULT_VERSION, 1) >= 1) {
      // Neither reads what the other writes, and clients wait for both: run them at once.
      boolean findStranded = stranded.enabled();
      boolean handOff = handoff.enabled();
      Object[] out = new Object[2];
      guard.protect(
          () -> {
            Promise<StrandedWrites> s = findStranded ? Async.function(stranded.call) : null;
            Promise<OffsetHandoff> h = handOff ? Async.function(handoff.call) : null;
            out[0] = stranded.result(s);
            out[1] = handoff.result(h);
            return null;
          });
      report((StrandedWrites) out[0]);
      report((OffsetHandoff) out[1]);
    } else {
      report(stranded.alone());
      report(handoff.alone());
    }
  }

  private void report(StrandedWrites found) {
    if (found == null) {
      return;
    }
    book.stranded(found);
    steps.strandedWatch.startsFrom(found);
    if (found.any()) {
      Workflow.getLogger(MigrationWorkflowImpl.class).warn("Stranded writes: {}", found.describe());
    }
    if (found.stops() != null && !found.stops().recorded()) {
      book.note(
          "Attempt "
              + state.attemptNumber()
              + ": where the mirrors stopped could not be recorded ("
              + found.stops().problem()
              + "), so the source is not watched for stranded writes after SWITCH: watch its end"
              + " offsets on these topics by hand (kafka-get-offsets) until every producer is"
              + " known to use the gateway.");
    }
  }

  private void report(OffsetHandoff handoff) {
    if (handoff == null) {
      return;
    }
    book.handoff(handoff);
    if (!handoff.allMatched()) {
      Workflow.getLogger(MigrationWorkflowImpl.class)
          .warn("Consumer offsets left different: {}", handoff.describe());
    }
  }

  /**
   * One of the two checks: its change id (a run started before the check existed skips it), the
   * call, and what to tell the operator to do by hand when it cannot run.
   */
  private final class Check<T> {
    final String changeId;
    final Functions.Func<T> call;
    final String what;
    final String byHand;

    Check(String changeId, Functions.Func<T> call, String what, String byHand) {
      this.changeId = changeId;
      this.call = call;
      this.what = what;
      this.byHand = byHand;
    }

    boolean enabled() {
      return Workflow.getVersion(changeId, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
    }

    /** Run on its own, as runs started before {@link #CHECKS_TOGETHER} do. */
    T alone() {
      if (!enabled()) {
        return null;
      }
      try {
        return guard.protect(call);
      } catch (ActivityFailure f) {
        return couldNotRun(f);
      }
    }

    /** The result of a started check ({@code null}: not started), or null and a note. */
    T result(Promise<T> started) {
      if (started == null) {
        return null;
      }
      try {
        return started.get();
      } catch (ActivityFailure f) {
        return couldNotRun(f);
      }
    }

    private T couldNotRun(ActivityFailure f) {
      book.note(
          "Attempt "
              + state.attemptNumber()
              + ": "
              + what
              + " could not run ("
              + Failures.describe(f)
              + "); "
              + byHand);
      return null;
    }
  }
}
