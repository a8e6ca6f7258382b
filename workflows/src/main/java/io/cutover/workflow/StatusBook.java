package io.cutover.workflow;

import io.cutover.workflow.model.Actor;
import io.cutover.workflow.model.Approval;
import io.cutover.workflow.model.CompensationRecord;
import io.cutover.workflow.model.Continuation;
import io.cutover.workflow.model.ExecuteRequest;
import io.cutover.workflow.model.FencedWindow;
import io.cutover.workflow.model.LagSnapshot;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.OffsetHandoff;
import io.cutover.workflow.model.Policies;
import io.cutover.workflow.model.RollbackRecord;
import io.cutover.workflow.model.RunReport;
import io.cutover.workflow.model.StepRecord;
import io.cutover.workflow.model.StepRecord.Outcome;
import io.cutover.workflow.model.StrandedWrites;
import io.cutover.workflow.model.ValidationReport;
import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the workflow has observed, kept in one place: the timeline of steps, lag, promotions,
 * approvals, rollbacks. It feeds {@code status}, the run report, the {@code CutoverStep} search
 * attribute and the Web UI's current details. Workflow-thread only; deterministic.
 */
final class StatusBook {
  static final SearchAttributeKey<String> STEP_KEY =
      SearchAttributeKey.forKeyword(MigrationWorkflow.SEARCH_ATTRIBUTE);

  private final ControlState state;
  private final List<StepRecord> steps = new ArrayList<>();
  private final List<Actor> approvals = new ArrayList<>();
  private final List<RollbackRecord> rollbacks = new ArrayList<>();
  private final List<CompensationRecord> compensations = new ArrayList<>();
  private int promoted;
  private int stopped;
  private final Set<String> notices = new LinkedHashSet<>();
  private final List<String> notes = new ArrayList<>();
  private String migration;
  private Policies policies;
  private ValidationReport validation;
  private LagSnapshot lag;
  private int topicCount;
  private Instant fencedSince;
  private FencedWindow fencedWindow;
  private String lastError;
  private CutoverStep publishedStep;
  private int run = 1;
  private StrandedWrites strandedWrites;
  private OffsetHandoff offsetHandoff;

  /** Attempts whose step records and compensations a continue-as-new keeps in full. */
  static final int KEPT_ATTEMPTS = 3;

  static final int KEPT_ROLLBACKS = 100;
  static final int KEPT_APPROVALS = 100;
  static final int KEPT_NOTES = 50;
  static final String STRANDED_NOTICE = "⚠ Stranded writes: ";

  StatusBook(ControlState state) {
    this.state = state;
  }

  void begin(String migration, Policies policies) {
    this.migration = migration;
    usePolicies(policies);
  }

  void usePolicies(Policies p) {
    this.policies = p;
    notices.add(p.fenceErrorCode().clientImpact());
  }

  static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  /** Moves to a step and opens its record. */
  void start(CutoverStep step) {
    state.enter(step);
    steps.add(new StepRecord(step, state.attemptNumber(), now(), null, Outcome.RUNNING, null));
    CutoverMetrics.stepStarted(migration, step);
    if (step == CutoverStep.FENCE) {
      fencedSince = now();
    }
    publish();
  }

  /**
   * Opens a step's record without moving to it: the step's wait runs alongside the step in
   * progress, and {@link #enter} moves to it once the workflow waits on it alone.
   */
  void startAlongside(CutoverStep step) {
    steps.add(new StepRecord(step, state.attemptNumber(), now(), null, Outcome.RUNNING, null));
    CutoverMetrics.stepStarted(migration, step);
    publish();
  }

  /** Moves to a step whose record {@link #startAlongside} opened. */
  void enter(CutoverStep step) {
    state.enter(step);
    publish();
  }

  /** Closes every record still open, such as a step started alongside one that failed. */
  void endOpen(Outcome outcome, String detail) {
    for (int i = 0; i < steps.size(); i++) {
      StepRecord r = steps.get(i);
      if (r.endedAt() == null) {
        steps.set(i, new StepRecord(r.step(), r.attempt(), r.startedAt(), now(), outcome, detail));
      }
    }
  }

  /** Closes the open record of this step. */
  void end(CutoverStep step, Outcome outcome, String detail) {
    for (int i = steps.size() - 1; i >= 0; i--) {
      StepRecord r = steps.get(i);
      if (r.step() == step && r.endedAt() == null) {
        steps.set(i, new StepRecord(step, r.attempt(), r.startedAt(), now(), outcome, detail));
        CutoverMetrics.stepEnded(step, outcome, java.time.Duration.between(r.startedAt(), now()));
        break;
      }
    }
    if (outcome == Outcome.FAILED || outcome == Outcome.ABORTED) {
      lastError = step + ": " + detail;
    }
    publish();
  }

  void skip(CutoverStep step, String why) {
    Instant t = now();
    steps.add(new StepRecord(step, state.attemptNumber(), t, t, Outcome.SKIPPED, why));
  }

  /** A resting step (AWAIT_EXECUTE, ROLLED_BACK, DONE, FAILED): one instant record. */
  void rest(CutoverStep step, String detail) {
    Instant t = now();
    state.enter(step);
    steps.add(new StepRecord(step, state.attemptNumber(), t, t, Outcome.OK, detail));
    CutoverMetrics.at(migration, step);
    publish();
  }

  /**
   * What the check at the end of PROMOTE, or the watch after DONE, found; a finding is said loudly,
   * as one notice that a later finding replaces.
   */
  void stranded(StrandedWrites found) {
    strandedWrites = found;
    notices.removeIf(n -> n.startsWith(STRANDED_NOTICE));
    if (found.any()) {
      notices.add(STRANDED_NOTICE + found.describe());
    }
    publish();
  }

  StrandedWrites strandedWrites() {
    return strandedWrites;
  }

  /** How the consumer-group offsets were handed over; a group left different is a notice. */
  void handoff(OffsetHandoff result) {
    offsetHandoff = result;
    if (!result.allMatched()) {
      notices.add("⚠ Consumer offsets: " + result.describe());
    }
    publish();
  }

  void validated(ValidationReport report) {
    validation = report;
    topicCount = report.topicCount();
  }

  void lag(LagSnapshot snapshot) {
    lag = snapshot;
  }

  void promoted(int topics) {
    promoted += topics;
    CutoverMetrics.promoted(topics);
  }

  void stopped(int topics) {
    stopped += topics;
  }

  void approved(Actor a) {
    approvals.add(a);
  }

  void error(String message) {
    lastError = message;
    publish();
  }

  void clearError() {
    lastError = null;
  }

  void note(String text) {
    notes.add(text);
    notices.add(text);
  }

  void compensation(CompensationRecord r) {
    compensations.add(r);
    CutoverMetrics.compensation(r.ok());
  }

  void rolledBack(CutoverStep from, String cause, Actor by) {
    rollbacks.add(new RollbackRecord(state.attemptNumber(), from, cause, by, now()));
    CutoverMetrics.rolledBack(from);
    fencedSince = null;
    lastError = "rolled back from " + from + ": " + cause;
    rest(CutoverStep.ROLLED_BACK, cause);
  }

  void switched() {
    if (fencedSince != null) {
      Instant t = now();
      fencedWindow =
          new FencedWindow(fencedSince, t, t.toEpochMilli() - fencedSince.toEpochMilli());
      CutoverMetrics.fencedWindow(java.time.Duration.ofMillis(fencedWindow.millis()));
    }
    fencedSince = null;
  }

  /** Search attribute (on step change only: each upsert is a history event) and Web UI details. */
  void publish() {
    CutoverStep step = state.step();
    if (publishedStep == null) {
      publishedStep = CutoverStep.VALIDATE; // set by the start options: no upsert needed for it
    }
    if (step != publishedStep) {
      Workflow.upsertTypedSearchAttributes(STEP_KEY.valueSet(step.name()));
      publishedStep = step;
    }
    StringBuilder d =
        new StringBuilder("**")
            .append(step)
            .append("** (attempt ")
            .append(state.attemptNumber())
            .append("): ")
            .append(step.description());
    if (state.held()) {
      d.append("\n\nHELD: ").append(lastError);
    }
    if (lag != null && (step == CutoverStep.WAIT_FOR_LAG || step == CutoverStep.PROMOTE)) {
      d.append("\n\nLag: ")
          .append(lag.overThreshold())
          .append('/')
          .append(lag.topicCount())
          .append(" topic(s) over threshold, total ")
          .append(lag.totalLag());
    }
    if (step == CutoverStep.PROMOTE) {
      d.append("\n\nPromoted ")
          .append(promoted)
          .append(", stopped ")
          .append(stopped)
          .append(" of ")
          .append(topicCount);
    }
    if (strandedWrites != null && strandedWrites.any()) {
      d.append("\n\n**STRANDED WRITES**: ").append(strandedWrites.describe());
    }
    if (strandedWrites != null && strandedWrites.watchingUntil() != null) {
      d.append("\n\nThe source is watched for stranded writes until ")
          .append(strandedWrites.watchingUntil());
    }
    if (offsetHandoff != null) {
      d.append(offsetHandoff.allMatched() ? "\n\nConsumer offsets: " : "\n\n**CONSUMER OFFSETS**: ")
          .append(offsetHandoff.describe());
    }
    d.append("\n\nNext: ").append(NextActions.forState(state, migration, lastError));
    Workflow.setCurrentDetails(d.toString());
  }

  /** The compact record a continue-as-new carries; {@link #resume} reads it back. */
  Continuation continuation(
      int attempts, CutoverStep restingAt, List<Approval> pending, ExecuteRequest queued) {
    int oldest = attempts - KEPT_ATTEMPTS + 1;
    return new Continuation(
        run + 1,
        attempts,
        restingAt,
        lastError,
        validation,
        topicCount,
        steps.stream().filter(r -> r.attempt() >= oldest).toList(),
        last(approvals, KEPT_APPROVALS),
        pending,
        last(rollbacks, KEPT_ROLLBACKS),
        compensations.stream().filter(c -> c.attempt() >= oldest).toList(),
        last(notes, KEPT_NOTES),
        List.copyOf(notices),
        queued);
  }

  void resume(Continuation c) {
    run = c.run();
    lastError = c.lastError();
    validation = c.validation();
    topicCount = c.topicCount();
    steps.addAll(c.steps());
    approvals.addAll(c.approvals());
    rollbacks.addAll(c.rollbacks());
    compensations.addAll(c.compensations());
    notes.addAll(c.notes());
    notices.addAll(c.notices());
    publishedStep = c.restingAt(); // the new run starts with this search attribute value
  }

  private static <T> List<T> last(List<T> all, int n) {
    return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
  }

  MigrationStatus status() {
    return new MigrationStatus(
        migration,
        state.step(),
        state.attemptNumber(),
        state.held(),
        state.pointOfNoReturn(),
        List.copyOf(steps),
        topicCount,
        lag,
        promoted,
        stopped,
        List.copyOf(approvals),
        List.copyOf(rollbacks),
        List.copyOf(compensations),
        policies,
        fencedSince,
        lastError,
        NextActions.forState(state, migration, lastError),
        List.copyOf(notices),
        validation,
        run,
        strandedWrites,
        offsetHandoff);
  }

  /** {@link #status()} for followers: the current attempt only, no record of the past. */
  MigrationStatus progress() {
    int attempt = state.attemptNumber();
    return new MigrationStatus(
        migration,
        state.step(),
        attempt,
        state.held(),
        state.pointOfNoReturn(),
        steps.stream().filter(r -> r.attempt() == attempt).toList(),
        topicCount,
        lag,
        promoted,
        stopped,
        List.of(),
        rollbacks.stream().filter(r -> r.attempt() == attempt).toList(),
        List.of(),
        policies,
        fencedSince,
        lastError,
        NextActions.forState(state, migration, lastError),
        List.of(),
        null,
        run,
        strandedWrites,
        offsetHandoff);
  }

  RunReport report() {
    return new RunReport(
        migration,
        state.attemptNumber(),
        List.copyOf(steps),
        fencedWindow,
        topicCount,
        stopped,
        List.copyOf(approvals),
        List.copyOf(rollbacks),
        List.copyOf(compensations),
        List.copyOf(notes),
        run,
        strandedWrites,
        offsetHandoff);
  }
}
