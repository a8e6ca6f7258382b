package io.cutover.workflow.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.Map;

/** The cluster link, through the destination's REST v3 API. */
@ActivityInterface
public interface ClusterLinkActivities {

  record PauseRequest(Targets.Link link, java.time.Duration drain) {}

  record RestoreRequest(Targets.Link link, Map<String, String> snapshot) {}

  record PromoteRequest(Targets.Link link, List<String> topics) {}

  record AwaitStoppedRequest(Targets.Link link, List<String> topics) {}

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

  record PromoteResult(List<TopicPromotion> topics) {
    public List<String> accepted() {
      return topics.stream().filter(TopicPromotion::accepted).map(TopicPromotion::topic).toList();
    }

    public List<TopicPromotion> rejected() {
      return topics.stream().filter(t -> !t.accepted()).toList();
    }
  }

  /** @param statuses mirror_status per topic as last read */
  record MirrorStates(Map<String, String> statuses) {}

  /**
   * Pauses consumer offset sync: verifies {@code consumer.offset.sync.enable} is "true", waits the
   * drain with sync still on (the fence has frozen source commits, so the last offsets get across),
   * sets it to "false" and reads it back.
   *
   * <p>Idempotent: a retry after this activity's own write sees "false" and accepts it (its earlier
   * attempt is in the heartbeat details); "false" found without it is drift and is refused. Inverse:
   * {@link #restoreOffsetSync}.
   */
  @ActivityMethod
  OffsetSyncState pauseOffsetSync(PauseRequest request);

  /**
   * Restores the {@code consumer.offset.*} configs snapshotted at VALIDATE: re-writes each key whose
   * live value is missing, empty or "false" (turning sync off clears the group filters), the toggle
   * key last, then reads them back. A live value an operator changed on purpose is left alone.
   *
   * <p>Idempotent: diff-based; nothing is written when the live configs already match. Inverse:
   * {@link #pauseOffsetSync}.
   */
  @ActivityMethod
  OffsetSyncState restoreOffsetSync(RestoreRequest request);

  /**
   * Sends one promote request for these topics. A 200 carries per-topic errors, which are returned,
   * not thrown; HTTP errors are thrown (429/5xx retryable).
   *
   * <p>Idempotent: a topic already PENDING_STOPPED or STOPPED counts as accepted and is not
   * promoted again. Inverse: none; promotion is one-way.
   */
  @ActivityMethod
  PromoteResult promoteMirrors(PromoteRequest request);

  /**
   * Polls the mirror states, heartbeating, until every topic is STOPPED. A topic stuck in
   * PENDING_STOPPED keeps it waiting until the activity's timeout.
   *
   * <p>Idempotent: reads only. Inverse: none.
   */
  @ActivityMethod
  MirrorStates awaitMirrorsStopped(AwaitStoppedRequest request);
}
