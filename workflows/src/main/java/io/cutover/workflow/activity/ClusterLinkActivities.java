package io.cutover.workflow.activity;

import io.cutover.workflow.model.TopicSet;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.Map;

/**
 * The cluster link, through the destination's REST v3 API. Activity type names are pinned: they are
 * in every history, so a method rename must not change them (the same in every activity interface).
 */
@ActivityInterface
public interface ClusterLinkActivities {

  /**
   * @param drain how long to wait with offset sync still on; zero only verifies it is on
   */
  record DrainRequest(Targets.Link link, java.time.Duration drain) {}

  record DisableRequest(Targets.Link link) {}

  record RestoreRequest(Targets.Link link, Map<String, String> snapshot) {}

  /**
   * @param topics one batch of the validated set, by reference (names inline only for a listed set)
   * @param except topics of that batch to leave out (still lagging, or refused before); few, by
   *     name
   */
  record PromoteRequest(Targets.Link link, TopicSet topics, List<String> except) {
    public PromoteRequest {
      except = except == null ? List.of() : List.copyOf(except);
    }
  }

  /**
   * @param except topics of the batch that were not promoted, so are not waited for
   */
  record AwaitStoppedRequest(Targets.Link link, TopicSet topics, List<String> except) {
    public AwaitStoppedRequest {
      except = except == null ? List.of() : List.copyOf(except);
    }
  }

  /** The link's {@code consumer.offset.*} configs as read back after a change. */
  record OffsetSyncState(Map<String, String> configs, String detail) {}

  /**
   * Per-topic answer of a promote request.
   *
   * @param accepted the server accepted the promote (error_code 0); the topic is not STOPPED yet
   * @param errorCode the per-topic error_code inside the 200 answer (0 when accepted)
   * @param message the per-topic error_message
   */
  record TopicPromotion(String topic, boolean accepted, int errorCode, String message) {}

  /**
   * The answer to one promote request, O(rejections): every requested topic not listed in {@code
   * rejected} was accepted (or already PENDING_STOPPED/STOPPED).
   *
   * @param accepted how many of the requested topics were accepted
   * @param rejected the topics the server refused, with its per-topic error
   */
  record PromoteResult(int accepted, List<TopicPromotion> rejected) {
    public PromoteResult {
      rejected = rejected == null ? List.of() : List.copyOf(rejected);
    }
  }

  /** Read the mirror states of these topics (one batch at most, by reference). */
  record DescribeMirrorsRequest(Targets.Link link, TopicSet topics) {}

  /**
   * Mirror states over a set of topics, as counts plus a capped sample, so the record stays small
   * whatever the batch size.
   *
   * @param total topics read
   * @param active topics still ACTIVE (still mirroring, not promoted)
   * @param pendingStopped topics PENDING_STOPPED (promote accepted, not finished)
   * @param stopped topics STOPPED (promoted)
   * @param sample up to {@link #MAX_SAMPLE} {@code topic=STATUS} entries of topics neither ACTIVE
   *     nor STOPPED (the ones to look at: a promote under way, FAILED, PAUSED); the rest are only
   *     counted
   */
  record MirrorStates(int total, int active, int pendingStopped, int stopped, List<String> sample) {
    public static final int MAX_SAMPLE = 20;

    public MirrorStates {
      sample = sample == null ? List.of() : List.copyOf(sample);
    }

    /**
     * Counts per state of {@code topic -> mirror_status}, sampling the unsettled topics, in map
     * order.
     */
    public static MirrorStates of(Map<String, String> statuses) {
      int active = 0;
      int pending = 0;
      int stopped = 0;
      List<String> sample = new java.util.ArrayList<>();
      for (Map.Entry<String, String> e : statuses.entrySet()) {
        switch (e.getValue()) {
          case "ACTIVE" -> active++;
          case "PENDING_STOPPED" -> pending++;
          case "STOPPED" -> stopped++;
          default -> {}
        }
        if (!"ACTIVE".equals(e.getValue())
            && !"STOPPED".equals(e.getValue())
            && sample.size() < MAX_SAMPLE) {
          sample.add(e.getKey() + "=" + e.getValue());
        }
      }
      return new MirrorStates(statuses.size(), active, pending, stopped, sample);
    }

    /** These states and {@code more} together, as read over two batches. */
    public MirrorStates plus(MirrorStates more) {
      List<String> both = new java.util.ArrayList<>(sample);
      more.sample.stream().limit(Math.max(0, MAX_SAMPLE - both.size())).forEach(both::add);
      return new MirrorStates(
          total + more.total,
          active + more.active,
          pendingStopped + more.pendingStopped,
          stopped + more.stopped,
          both);
    }

    /** Every topic is still ACTIVE: no promote was accepted. */
    public boolean allActive() {
      return active == total;
    }

    /** Some promote was accepted: the topic is writable, or about to be, on the destination. */
    public boolean anyPromoted() {
      return pendingStopped + stopped > 0;
    }

    public boolean allStopped() {
      return stopped == total;
    }

    /** Topics in neither of the three known states (FAILED, PAUSED, ...). */
    public int other() {
      return total - active - pendingStopped - stopped;
    }

    public String describe() {
      return total
          + " topic(s): "
          + active
          + " ACTIVE, "
          + pendingStopped
          + " PENDING_STOPPED, "
          + stopped
          + " STOPPED"
          + (other() > 0 ? ", " + other() + " other" : "")
          + (sample.isEmpty()
              ? ""
              : " ("
                  + String.join(", ", sample)
                  + (total - active > sample.size() ? ", ..." : "")
                  + ")");
    }
  }

  /**
   * Verifies {@code consumer.offset.sync.enable} is "true" and waits {@code drain} with sync still
   * on (the fence has frozen source commits, so the last offsets get across), heartbeating, then
   * verifies it is still "true". Writes nothing, so any "false" or missing key here is drift,
   * raised as non-retryable {@code StateDrift} before this cutover has touched the link.
   *
   * <p>Idempotent: reads only; a retry drains again. Inverse: none needed.
   */
  @ActivityMethod(name = "DrainOffsetSync")
  OffsetSyncState drainOffsetSync(DrainRequest request);

  /**
   * Sets {@code consumer.offset.sync.enable} to "false" and reads it back. The workflow schedules
   * it only after {@link #drainOffsetSync} saw "true", and records that intent before scheduling,
   * so it restores sync whatever happens to this call.
   *
   * <p>Idempotent: a live "false" (this activity's earlier attempt) is accepted without a write.
   * Inverse: {@link #restoreOffsetSync}.
   */
  @ActivityMethod(name = "DisableOffsetSync")
  OffsetSyncState disableOffsetSync(DisableRequest request);

  /**
   * Restores the {@code consumer.offset.*} configs snapshotted at VALIDATE: re-writes each key
   * whose live value is missing, empty or "false" (turning sync off clears the group filters), the
   * toggle key last, then reads them back. A live value an operator changed on purpose is left
   * alone.
   *
   * <p>Idempotent: diff-based; nothing is written when the live configs already match. Inverse:
   * {@link #disableOffsetSync}.
   */
  @ActivityMethod(name = "RestoreOffsetSync")
  OffsetSyncState restoreOffsetSync(RestoreRequest request);

  /**
   * Sends one promote request for the batch's topics but {@code except}. A batch of every mirror on
   * the link is resolved from the link first and must still be the validated set, else
   * non-retryable {@code TopicSetChanged} (the same in every activity that takes a {@link
   * TopicSet}). A 200 carries per-topic errors, which are returned, not thrown; HTTP errors are
   * thrown (429/5xx retryable). A thrown failure does not mean the request was refused: its answer
   * may have been lost, so the workflow reads the mirror states ({@link #describeMirrors}) before
   * it decides anything.
   *
   * <p>Idempotent: a topic already PENDING_STOPPED or STOPPED counts as accepted and is not
   * promoted again. Inverse: none; promotion is one-way.
   */
  @ActivityMethod(name = "PromoteMirrors")
  PromoteResult promoteMirrors(PromoteRequest request);

  /**
   * Polls the mirror states, heartbeating their counts, until every topic is STOPPED. A topic stuck
   * in PENDING_STOPPED keeps it waiting until the activity's timeout; a FAILED one fails it.
   *
   * <p>Idempotent: reads only. Inverse: none.
   */
  @ActivityMethod(name = "AwaitMirrorsStopped")
  MirrorStates awaitMirrorsStopped(AwaitStoppedRequest request);

  /**
   * Reads the mirror states of these topics once. The workflow calls it when a promote's outcome is
   * unknown (the activity failed after its request may have landed): any PENDING_STOPPED or STOPPED
   * topic means the point of no return has passed. Every failure is raised as retryable, because
   * the workflow must learn the answer before it may do anything else.
   *
   * <p>Idempotent: reads only. Inverse: none.
   */
  @ActivityMethod(name = "DescribeMirrors")
  MirrorStates describeMirrors(DescribeMirrorsRequest request);
}
