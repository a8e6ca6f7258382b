package io.cutover.workflow;

import io.cutover.workflow.activity.ClusterLinkActivities;
import io.cutover.workflow.activity.ClusterLinkActivities.MirrorStates;
import io.cutover.workflow.activity.ClusterLinkActivities.PromoteResult;
import io.cutover.workflow.activity.ClusterLinkActivities.TopicPromotion;
import io.cutover.workflow.activity.OffsetActivities.LagRequest;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.Durations;
import io.cutover.workflow.model.LagSnapshot;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.TopicLag;
import io.cutover.workflow.model.TopicSet;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Promotes the topics in batches: only topics measured at zero lag, one promote request at a time.
 * The first accepted promote is the point of no return; from it on, later batches are promoted
 * while earlier ones drain ({@link StoppedWaits}), and every one is confirmed STOPPED before the
 * step ends. Keeps its progress, so after a hold it continues where it stopped.
 */
final class Promotion {
  /** Per-topic promote errors tolerated before the step fails (kcp uses the same bound). */
  static final int MAX_TOPIC_ATTEMPTS = 3;

  static final Duration RETRY_PAUSE = Duration.ofSeconds(5);
  static final Duration LAG_WAIT = Duration.ofSeconds(15);

  /** The largest batch, also for promoteBatchSize 0, so every request and answer stays O(batch). */
  static final int MAX_BATCH = 500;

  static final int LAGGING_NAMED = 5;

  /**
   * The change id of {@link Workflow#getVersion} for promoting a batch before the earlier ones are
   * STOPPED: a run started before it replays as it ran, one batch confirmed STOPPED before the next
   * (docs/architecture.md, "Determinism").
   */
  static final String PIPELINED_PROMOTION = "pipelined-promotion";

  /** A failure of the promotion itself (not of an activity). */
  static final class PromotionFailed extends RuntimeException {
    PromotionFailed(String message) {
      super(message, null, false, false);
    }
  }

  private final MigrationPlan plan;
  private final ControlState state;
  private final StatusBook book;
  private final Guard guard;

  /**
   * The validated set. Batches are parts of it, sent by reference, so the names of every mirror on
   * the link never enter history (docs/architecture.md, "Topic sets").
   */
  private final TopicSet topics;

  /** Index in {@link #topics} of the first topic of the next part. */
  private int next;

  /**
   * Topics of earlier parts not promoted yet (lagging, or refused), by name: few; promoted after
   * the parts.
   */
  private final List<String> leftovers = new ArrayList<>();

  /** The batch whose accepted promotes were last counted: a retry after a hold sends it again. */
  private TopicSet counted;

  /** How many of {@link #counted}'s topics have been counted as promoted. */
  private int countedAccepted;

  // Sorted, so nothing that iterates it can differ between workers (docs/architecture.md,
  // "Determinism").
  private final TreeMap<String, Integer> errors = new TreeMap<>();

  /** Since when the current batch has waited for zero lag after the point of no return. */
  private Instant waitingSince;

  private final StoppedWaits stoppedWaits = new StoppedWaits();

  /**
   * Whether the whole set was just read at zero lag, with clients fenced: the first batch is
   * promoted on that reading. Lag can only fall behind the fence, and a producer that bypasses it
   * can write between any reading and the promote, so a second reading a moment later proves
   * nothing more (docs/architecture.md, "The steps").
   */
  private boolean measuredAtZero;

  /** Whether accepted batches queue for their STOPPED wait; read once, at the first acceptance. */
  private Boolean pipelined;

  Promotion(MigrationPlan plan, TopicSet topics, ControlState state, StatusBook book, Guard guard) {
    this.plan = plan;
    this.topics = topics;
    this.state = state;
    this.book = book;
    this.guard = guard;
  }

  boolean done() {
    return next >= topics.size() && leftovers.isEmpty() && stoppedWaits.isEmpty();
  }

  /**
   * Called when the operator retries after a hold: the bounded per-topic retries and waits start
   * afresh.
   */
  void measuredAtZero() {
    measuredAtZero = next == 0 && leftovers.isEmpty();
  }

  void resetErrors() {
    errors.clear();
    waitingSince = null;
  }

  /**
   * Promotes one batch (the next part of the set, or, once every part was sent, the leftovers) but
   * its lagging topics, and queues its STOPPED wait (or, in a run started before pipelining, waits
   * for it). With batches in flight, a call that has nothing ready to send, or every part sent, or
   * the bound reached, waits for the oldest instead. What was not promoted becomes a leftover.
   */
  void nextBatch(Activities acts, int batchSize) {
    // Every part sent: the batches in flight are confirmed before the leftovers are tried again.
    if (!stoppedWaits.isEmpty() && (stoppedWaits.full() || next >= topics.size())) {
      stoppedWaits.awaitOldest(acts, Targets.Link.of(plan), guard, book);
      return;
    }
    int size = batchSize > 0 ? Math.min(batchSize, MAX_BATCH) : MAX_BATCH;
    boolean fromParts = next < topics.size();
    TopicSet batch =
        fromParts
            ? topics.part(next, size)
            : TopicSet.listed(List.copyOf(leftovers.subList(0, Math.min(size, leftovers.size()))));
    List<String> lagging = measuredAtZero && fromParts ? List.of() : lagging(acts, batch);
    measuredAtZero = false;
    if (lagging == null || lagging.size() == batch.size()) {
      if (stoppedWaits.isEmpty()) {
        pause();
      } else {
        stoppedWaits.awaitOldest(acts, Targets.Link.of(plan), guard, book);
      }
      return;
    }
    if (waitingSince != null) {
      waitingSince = null;
      book.clearError();
    }
    Targets.Link link = Targets.Link.of(plan);
    PromoteResult result = promote(acts, link, batch, lagging);
    List<String> notPromoted = new ArrayList<>(lagging);
    result.rejected().forEach(r -> notPromoted.add(r.topic()));
    int accepted = batch.size() - notPromoted.size();
    if (accepted > 0) {
      passPointOfNoReturn("the first promote was accepted");
    }
    // A batch sent again after a hold answers for its earlier acceptances too: count only the new.
    if (!batch.equals(counted)) {
      counted = batch;
      countedAccepted = 0;
    }
    if (accepted > countedAccepted) {
      book.promoted(accepted - countedAccepted);
      countedAccepted = accepted;
    }
    failOnExhaustedErrors(result.rejected());
    if (accepted > 0 && pipelined()) {
      stoppedWaits.add(batch, notPromoted, accepted);
    } else if (accepted > 0) {
      // As runs started before pipelining ran: this batch STOPPED before the next is sent.
      StoppedWaits.await(acts, link, guard, book, batch, notPromoted, accepted);
    }
    if (fromParts) {
      next += batch.size();
    } else {
      leftovers.removeAll(batch.names());
    }
    leftovers.addAll(notPromoted);
    if (accepted == 0) {
      pause();
    }
  }

  /**
   * Sends the promote. A failed activity does not mean "not accepted": its request may have landed
   * and only the answer been lost. Until the mirror states say otherwise the promote stays in
   * flight (rollback refused); any PENDING_STOPPED or STOPPED topic, or any state that proves
   * nothing, passes the point of no return, and only a read showing every topic ACTIVE lets the
   * failure through to compensation (docs/architecture.md, "The point of no return").
   */
  private PromoteResult promote(
      Activities acts, Targets.Link link, TopicSet batch, List<String> lagging) {
    Attempt attempt = state.attempt();
    attempt.promoteInFlight(true);
    try {
      return guard.protect(
          () ->
              acts.promote.promoteMirrors(
                  new ClusterLinkActivities.PromoteRequest(link, batch, lagging)));
    } catch (ActivityFailure failure) {
      if (attempt.pointOfNoReturn()) {
        throw failure;
      }
      String why = Failures.describe(failure);
      book.error(
          "PROMOTE: the promote request failed ("
              + why
              + "); its outcome is unknown, so the mirror states"
              + " are read before anything else happens (rollback is refused until then)");
      Failures.settleAfterTimeout(failure, guard);
      MirrorStates states =
          guard.protect(
              () ->
                  acts.mirrorsRead.describeMirrors(
                      new ClusterLinkActivities.DescribeMirrorsRequest(link, batch)));
      if (states.allActive()) {
        book.note(
            "Attempt "
                + attempt.number
                + ": the failed promote was not applied ("
                + states.describe()
                + "); the attempt is rolled back.");
        throw failure;
      }
      passPointOfNoReturn(
          states.anyPromoted()
              ? "a promote whose answer was lost was applied (" + states.describe() + ")"
              : "a promote whose answer was lost left mirrors in states that do not prove it was refused ("
                  + states.describe()
                  + "); Cutover goes forward rather than risk splitting the data");
      throw new PromotionFailed(
          "the promote request failed ("
              + why
              + ") and the mirror states show it may have"
              + " been applied: "
              + states.describe());
    } finally {
      attempt.promoteInFlight(false);
    }
  }

  private boolean pipelined() {
    if (pipelined == null) {
      pipelined = Workflow.getVersion(PIPELINED_PROMOTION, Workflow.DEFAULT_VERSION, 1) >= 1;
    }
    return pipelined;
  }

  private void passPointOfNoReturn(String how) {
    Attempt attempt = state.attempt();
    if (attempt.pointOfNoReturn()) {
      return;
    }
    attempt.passPointOfNoReturn();
    book.note("Point of no return passed at " + StatusBook.now() + ": " + how + ".");
    String dropped = attempt.dropAbort();
    if (dropped != null) {
      book.note(
          "Attempt "
              + attempt.number
              + ": an abort that arrived while the promote was in flight ("
              + dropped
              + ") was not carried out: the topics are writable on the destination, so the run goes on to SWITCH.");
    }
  }

  /**
   * The batch's topics not at zero lag now, by name (an empty list: all ready), or null when more
   * lag than the capped answer lists, so which are ready is unknown. The fence holds, so lag can
   * only fall.
   */
  private List<String> lagging(Activities acts, TopicSet batch) {
    LagRequest req = LagRequest.of(plan, batch, 0, LAG_WAIT);
    LagSnapshot lag = call(() -> acts.offsets(LAG_WAIT).awaitLagBelow(req));
    book.lag(lag);
    if (lag.withinThreshold()) {
      return List.of();
    }
    boundTheWait(acts.policies.maxPromoteLagWait(), lag);
    if (lag.lagging().size() < lag.overThreshold()) {
      return null;
    }
    return lag.lagging().stream().map(TopicLag::topic).toList();
  }

  /**
   * After the point of no return nothing else bounds the wait for zero lag (the fence budget is
   * gone): say what it waits for, and hold once it has waited {@code maxPromoteLagWait}.
   */
  private void boundTheWait(Duration max, LagSnapshot lag) {
    if (!state.pointOfNoReturn()) {
      return;
    }
    Instant now = StatusBook.now();
    if (waitingSince == null) {
      waitingSince = now;
    }
    String named =
        lag.lagging().stream()
            .limit(LAGGING_NAMED)
            .map(t -> t.topic() + " (lag " + t.lag() + ")")
            .collect(Collectors.joining(", "));
    String what = lag.overThreshold() + " topic(s) not at zero lag, largest: " + named;
    if (Duration.between(waitingSince, now).compareTo(max) >= 0) {
      waitingSince = null;
      throw new PromotionFailed(
          what
              + "; waited maxPromoteLagWait ("
              + Durations.format(max)
              + "). Clients stay"
              + " fenced: find why these mirrors do not catch up (a producer writing to the source past the gateway, a"
              + " stalled or failed mirror), then run execute to wait again (optionally with a longer --max-promote-lag-wait)");
    }
    book.error("PROMOTE: waiting for zero lag since " + waitingSince + ": " + what);
  }

  private void failOnExhaustedErrors(List<TopicPromotion> rejected) {
    for (TopicPromotion r : rejected) {
      int n = errors.merge(r.topic(), 1, Integer::sum);
      Workflow.getLogger(Promotion.class)
          .warn(
              "Topic {} promotion error (attempt {}/{}): {} {}",
              r.topic(),
              n,
              MAX_TOPIC_ATTEMPTS,
              r.errorCode(),
              r.message());
      if (n >= MAX_TOPIC_ATTEMPTS) {
        throw new PromotionFailed(
            "topic "
                + r.topic()
                + " failed promotion after "
                + n
                + " attempts: error_code "
                + r.errorCode()
                + ": "
                + r.message());
      }
    }
  }

  private <T> T call(io.temporal.workflow.Functions.Func<T> f) {
    return state.pointOfNoReturn() ? guard.protect(f) : guard.interruptible(f);
  }

  private void pause() {
    if (state.pointOfNoReturn()) {
      guard.protect(
          () -> {
            Workflow.sleep(RETRY_PAUSE);
            return null;
          });
    } else {
      guard.sleepInterruptibly(RETRY_PAUSE);
    }
  }
}
