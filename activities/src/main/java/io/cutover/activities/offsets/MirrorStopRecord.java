package io.cutover.activities.offsets;

import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.model.MirrorStops;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Where the mirrors stopped, as a consumer group's committed offsets on the destination (see {@link
 * MirrorStops}): Kafka's own store for one offset per partition, durable and outside the workflow
 * history, and readable by any worker that runs the watch after a crash.
 */
final class MirrorStopRecord {
  private final Admin destination;
  private final UnaryOperator<String> redact;

  MirrorStopRecord(Admin destination, UnaryOperator<String> redact) {
    this.destination = destination;
    this.redact = redact;
  }

  /**
   * Commits {@code stops} as {@code group}'s offsets, each with {@link MirrorStops#metadata}, and
   * reads them back. A refusal or a read-back that differs is the answer's problem, not a throw.
   */
  MirrorStops write(String group, Instant at, Map<TopicPartition, Long> stops) {
    String metadata = MirrorStops.metadata(at);
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    stops.forEach((tp, o) -> offsets.put(tp, new OffsetAndMetadata(o, metadata)));
    try {
      get(destination.alterConsumerGroupOffsets(group, offsets).all());
      Map<TopicPartition, OffsetAndMetadata> back =
          get(destination.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
      for (var e : offsets.entrySet()) {
        OffsetAndMetadata got = back.get(e.getKey());
        if (got == null
            || got.offset() != e.getValue().offset()
            || !metadata.equals(got.metadata())) {
          return new MirrorStops(
              group,
              at,
              0,
              "wrote offset "
                  + e.getValue().offset()
                  + " to "
                  + e.getKey()
                  + " of consumer group "
                  + group
                  + " but read back "
                  + (got == null ? "none" : got.offset()));
        }
      }
      return new MirrorStops(group, at, offsets.size(), null);
    } catch (OffsetSweepException e) {
      return new MirrorStops(group, at, 0, e.getMessage());
    } catch (ExecutionException e) {
      String why = redact.apply(KafkaAdmins.rootMessage(e));
      boolean refused =
          e.getCause() instanceof AuthorizationException
              || e.getCause() instanceof AuthenticationException;
      return new MirrorStops(
          group,
          at,
          0,
          "committing offsets for consumer group "
              + group
              + " on the destination "
              + (refused
                  ? "was refused: "
                      + why
                      + "; grant the destination's principal READ on the groups prefixed "
                      + MirrorStops.GROUP_PREFIX
                  : "failed: " + why));
    }
  }

  /**
   * The stop offsets recorded as {@code stops} says.
   *
   * @throws ApplicationFailure non-retryable {@code MirrorStopsLost} when the group holds none, or
   *     other offsets than those recorded then (another attempt, or someone by hand, wrote it)
   * @throws OffsetSweepException when the read fails
   */
  Map<TopicPartition, Long> read(MirrorStops stops) {
    Map<TopicPartition, OffsetAndMetadata> back;
    try {
      back =
          get(destination.listConsumerGroupOffsets(stops.group()).partitionsToOffsetAndMetadata());
    } catch (ExecutionException e) {
      String why = redact.apply(KafkaAdmins.rootMessage(e));
      boolean refused =
          e.getCause() instanceof AuthorizationException
              || e.getCause() instanceof AuthenticationException;
      throw new OffsetSweepException(
          refused ? OffsetSweepException.Kind.UNAUTHORIZED : OffsetSweepException.Kind.TRANSIENT,
          "reading consumer group " + stops.group() + " on the destination failed: " + why);
    }
    Map<TopicPartition, Long> out = new HashMap<>();
    back.forEach(
        (tp, om) -> {
          if (om != null) {
            out.put(tp, om.offset());
          }
        });
    if (out.isEmpty()) {
      throw lost(
          stops,
          "holds no offsets: it was deleted, or expired after the destination's"
              + " offsets.retention.minutes");
    }
    String metadata = MirrorStops.metadata(stops.recordedAt());
    boolean same =
        out.size() == stops.partitions()
            && back.values().stream()
                .allMatch(om -> om != null && Objects.equals(metadata, om.metadata()));
    if (!same) {
      throw lost(
          stops,
          "no longer holds the "
              + stops.partitions()
              + " offset(s) recorded at "
              + stops.recordedAt()
              + " (another attempt or a change by hand overwrote it)");
    }
    return out;
  }

  private static <T> T get(KafkaFuture<T> f) throws ExecutionException {
    return KafkaAdmins.await(f, "the record of where the mirrors stopped");
  }

  private static ApplicationFailure lost(MirrorStops stops, String what) {
    return ApplicationFailure.newNonRetryableFailure(
        "consumer group "
            + stops.group()
            + " on the destination, the record of where the mirrors stopped, "
            + what,
        FailureTypes.MIRROR_STOPS_LOST);
  }
}
