package io.cutover.workflow.activity;

import io.cutover.workflow.model.LagSnapshot;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.MirrorStops;
import io.cutover.workflow.model.OffsetHandoff;
import io.cutover.workflow.model.StrandedWrites;
import io.cutover.workflow.model.TopicSet;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * End offsets and consumer-group offsets on source and destination, read (and, for the handoff,
 * written) with the Kafka Admin client.
 */
@ActivityInterface
public interface OffsetActivities {

  /**
   * @param link where a {@link TopicSet.Selection#LINK} set's names are read; null for sets that
   *     carry them
   * @param topics the topics, by reference (see {@link TopicSet})
   * @param threshold per-topic lag at or below which a topic counts as caught up
   * @param maxWait return with the latest measurement after this long even if not caught up
   */
  record LagRequest(
      Targets.Kafka source,
      Targets.Kafka destination,
      Targets.Link link,
      TopicSet topics,
      long threshold,
      Duration maxWait) {

    /** The request for {@code topics} of {@code plan}: its clusters and its link. */
    public static LagRequest of(
        MigrationPlan plan, TopicSet topics, long threshold, Duration maxWait) {
      return new LagRequest(
          Targets.Kafka.source(plan),
          Targets.Kafka.destination(plan),
          Targets.Link.of(plan),
          topics,
          threshold,
          maxWait);
    }
  }

  /**
   * @param link where a {@link TopicSet.Selection#LINK} set's names are read; null for sets that
   *     carry them
   */
  record DetectRequest(Targets.Kafka source, Targets.Link link, TopicSet topics, Duration window) {}

  /**
   * @param link where a {@link TopicSet.Selection#LINK} set's names are read; null for sets that
   *     carry them
   */
  record StrandedRequest(
      Targets.Kafka source,
      Targets.Kafka destination,
      Targets.Link link,
      TopicSet topics,
      String recordStopsAs) {}

  /**
   * @param stops where the mirrors stopped, as {@link #findStrandedWrites} recorded them
   */
  record RecheckRequest(Targets.Kafka source, Targets.Kafka destination, MirrorStops stops) {}

  /**
   * @param link where a {@link TopicSet.Selection#LINK} set's names are read; null for sets that
   *     carry them
   */
  record HandoffRequest(
      Targets.Kafka source, Targets.Kafka destination, Targets.Link link, TopicSet topics) {}

  /**
   * What the detection window saw, capped so the record stays small however many partitions moved
   * (the case where the fence is not in the path at all).
   *
   * @param movedPartitions how many partitions' source end offsets moved during the window
   * @param violations one line per moved partition, the first {@link #MAX_LISTED}
   */
  record UnroutedProducerReport(
      Instant from, Instant to, int movedPartitions, List<String> violations) {
    public static final int MAX_LISTED = 50;

    public UnroutedProducerReport {
      violations =
          violations == null
              ? List.of()
              : List.copyOf(violations.subList(0, Math.min(MAX_LISTED, violations.size())));
    }

    /**
     * A report of every moved partition's line, of which the first {@link #MAX_LISTED} are kept.
     */
    public static UnroutedProducerReport of(Instant from, Instant to, List<String> allLines) {
      return new UnroutedProducerReport(from, to, allLines.size(), allLines);
    }

    public boolean clean() {
      return movedPartitions == 0;
    }
  }

  /**
   * Measures lag (latest offsets on both clusters, one batched request per broker) until every
   * topic is at or below the threshold, or {@code maxWait} has passed, heartbeating the latest
   * measurement. A partition missing on the destination counts its whole source offset. The topic
   * set is re-resolved first: a link whose mirror topics are no longer the validated set fails the
   * wait with non-retryable {@code TopicSetChanged}.
   *
   * <p>Idempotent: reads only. Inverse: none.
   */
  @ActivityMethod(name = "AwaitLagBelow")
  LagSnapshot awaitLagBelow(LagRequest request);

  /**
   * Takes two snapshots of the source end offsets, {@code window} apart; any partition that moved
   * (a partition that appeared counts from 0) means a producer bypasses the gateway. The topic set
   * is re-resolved and checked first, as in {@link #awaitLagBelow}.
   *
   * <p>Idempotent: reads only. Inverse: none.
   */
  @ActivityMethod(name = "DetectUnroutedProducers")
  UnroutedProducerReport detectUnroutedProducers(DetectRequest request);

  /**
   * Compares each partition's end offset on the source with the destination's, once every mirror of
   * the group is STOPPED and before SWITCH lets clients write to the destination: a promoted mirror
   * keeps the source's offsets and copies nothing more, so every source offset beyond the
   * destination's end was written after its mirror stopped (see {@link StrandedWrites}). The topic
   * set is re-resolved and checked first, as in {@link #awaitLagBelow}.
   *
   * <p>With {@code recordStopsAs}, also records those destination end offsets (where each mirror
   * stopped) as the committed offsets of that consumer group on the destination, each with {@link
   * MirrorStops#metadata}, and reads them back: {@link #recheckStrandedWrites} compares the source
   * with them after SWITCH. A record that cannot be written is the answer's {@link
   * MirrorStops#problem}, not a failure: the check itself stands.
   *
   * <p>Idempotent: until SWITCH it answers the same and records the same offsets (with the time of
   * the latest call). Inverse: none (the record expires with the destination's {@code
   * offsets.retention.minutes}, as any group without members).
   */
  @ActivityMethod(name = "FindStrandedWrites")
  StrandedWrites findStrandedWrites(StrandedRequest request);

  /**
   * The same comparison after SWITCH, when the destination has moved on: each source partition's
   * end offset against the stop offset recorded by {@link #findStrandedWrites} (a partition not
   * recorded counts from 0). Verifies first that the record is the one named (its group holds
   * {@code stops.partitions()} offsets, each with the metadata of {@code stops.recordedAt()}); a
   * record gone or overwritten fails with non-retryable {@code MirrorStopsLost}, naming the group.
   *
   * <p>Idempotent: reads only. Inverse: none.
   */
  @ActivityMethod(name = "RecheckStrandedWrites")
  StrandedWrites recheckStrandedWrites(RecheckRequest request);

  /**
   * Hands every consumer group's committed offsets on the group's topics from the source to the
   * destination, once every mirror is STOPPED and while the fence still keeps every client from
   * committing (so the source's offsets are final): a group whose destination offsets already equal
   * the source's (the link synced them) is left alone; one with no member on the destination gets
   * the source's offsets written (each at most the destination's end offset, so no consumer starts
   * past the promoted data) and read back; one with members there is reported and not touched
   * (Kafka refuses to move an active group's offsets). Verifies every write by reading the offsets
   * back (see {@link OffsetHandoff}). The topic set is re-resolved and checked first, as in {@link
   * #awaitLagBelow}.
   *
   * <p>Idempotent: writes the same offsets again, and a group already equal is not written.
   * Inverse: none (it runs past the point of no return).
   */
  @ActivityMethod(name = "HandOffConsumerOffsets")
  OffsetHandoff handOffConsumerOffsets(HandoffRequest request);
}
