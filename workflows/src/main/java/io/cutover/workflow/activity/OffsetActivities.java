package io.cutover.workflow.activity;

import io.cutover.workflow.model.LagSnapshot;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** End offsets on source and destination, read with the Kafka Admin client. */
@ActivityInterface
public interface OffsetActivities {

  /**
   * @param threshold per-topic lag at or below which a topic counts as caught up
   * @param maxWait return with the latest measurement after this long even if not caught up
   */
  record LagRequest(
      Targets.Kafka source, Targets.Kafka destination, List<String> topics, long threshold, Duration maxWait) {}

  record DetectRequest(Targets.Kafka source, List<String> topics, Duration window) {}

  /**
   * @param violations one line per partition whose source end offset moved during the window
   */
  record UnroutedProducerReport(Instant from, Instant to, List<String> violations) {
    public boolean clean() {
      return violations.isEmpty();
    }
  }

  /**
   * Measures lag (latest offsets on both clusters, one batched request per broker) until every
   * topic is at or below the threshold, or {@code maxWait} has passed, heartbeating the latest
   * measurement. A partition missing on the destination counts its whole source offset.
   *
   * <p>Idempotent: reads only. Inverse: none.
   */
  @ActivityMethod(name = "AwaitLagBelow")
  LagSnapshot awaitLagBelow(LagRequest request);

  /**
   * Takes two snapshots of the source end offsets, {@code window} apart; any partition that moved
   * (a partition that appeared counts from 0) means a producer bypasses the gateway.
   *
   * <p>Idempotent: reads only. Inverse: none.
   */
  @ActivityMethod(name = "DetectUnroutedProducers")
  UnroutedProducerReport detectUnroutedProducers(DetectRequest request);
}
