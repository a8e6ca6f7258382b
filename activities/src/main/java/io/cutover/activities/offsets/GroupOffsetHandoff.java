package io.cutover.activities.offsets;

import io.cutover.workflow.model.OffsetHandoff;
import io.cutover.workflow.model.OffsetHandoff.Group;
import io.cutover.workflow.model.OffsetHandoff.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;

/**
 * The consumer-offset handoff on two Admin clients (see {@link
 * io.cutover.workflow.activity.OffsetActivities#handOffConsumerOffsets}). Each partition's target
 * is the source's committed offset, at most the destination's end offset: a consumer must never
 * start past the promoted data, or it would skip what producers write there after SWITCH.
 */
final class GroupOffsetHandoff {
  private final Admin source;
  private final Admin destination;
  private final UnaryOperator<String> redact;

  GroupOffsetHandoff(Admin source, Admin destination, UnaryOperator<String> redact) {
    this.source = source;
    this.destination = destination;
    this.redact = redact;
  }

  /** Hands over every group with committed offsets on {@code topics} on the source. */
  OffsetHandoff run(Instant at, Set<String> topics) {
    Map<String, Map<TopicPartition, Long>> finals = sourceOffsets(topics);
    if (finals.isEmpty()) {
      return OffsetHandoff.of(at, List.of());
    }
    Set<TopicPartition> partitions = new HashSet<>();
    finals.values().forEach(m -> partitions.addAll(m.keySet()));
    Map<TopicPartition, Long> ends = endOffsets(destination, partitions);
    Map<String, Map<TopicPartition, Long>> before = committed(destination, finals);
    List<Group> groups = new ArrayList<>();
    Map<String, Map<TopicPartition, Long>> different = new TreeMap<>();
    finals.forEach(
        (group, offsets) -> {
          Map<TopicPartition, Long> target = new HashMap<>();
          offsets.forEach((tp, o) -> target.put(tp, Math.min(o, ends.getOrDefault(tp, 0L))));
          if (target.equals(before.get(group))) {
            groups.add(new Group(group, Verdict.SYNCED, target.size(), 0, 0, null));
          } else {
            different.put(group, target);
          }
        });
    Map<String, ConsumerGroupDescription> described = describe(List.copyOf(different.keySet()));
    different.forEach(
        (group, target) ->
            groups.add(
                handOver(
                    group, finals.get(group), target, before.get(group), described.get(group))));
    groups.sort(
        Comparator.comparing((Group g) -> g.matched()).thenComparing(Group::group)); // left first
    return OffsetHandoff.of(at, groups);
  }

  /**
   * @param offsets the group's committed offsets on the source
   * @param target each partition's offset to hand over: the source's, at most the destination's end
   * @param current the group's committed offsets on the destination; null: none
   */
  private Group handOver(
      String group,
      Map<TopicPartition, Long> offsets,
      Map<TopicPartition, Long> target,
      Map<TopicPartition, Long> current,
      ConsumerGroupDescription description) {
    Map<TopicPartition, Long> now = current == null ? Map.of() : current;
    Map<TopicPartition, OffsetAndMetadata> write = new HashMap<>();
    long behind = 0;
    long ahead = 0;
    int clamped = 0;
    for (var e : target.entrySet()) {
      long to = e.getValue();
      clamped += offsets.get(e.getKey()) > to ? 1 : 0;
      Long there = now.get(e.getKey());
      if (there == null || there != to) {
        write.put(e.getKey(), new OffsetAndMetadata(to));
        behind += there == null ? to : Math.max(0, to - there);
        ahead += there == null ? 0 : Math.max(0, there - to);
      }
    }
    int n = target.size();
    if (description != null && !description.members().isEmpty()) {
      return new Group(
          group,
          Verdict.ACTIVE,
          n,
          behind,
          ahead,
          description.members().size()
              + " member(s) already consume on the destination, bypassing the gateway");
    }
    try {
      get(destination.alterConsumerGroupOffsets(group, write).all());
      Map<TopicPartition, Long> readBack =
          committed(destination, Map.of(group, offsets)).get(group);
      for (var e : write.entrySet()) {
        Long got = readBack == null ? null : readBack.get(e.getKey());
        if (got == null || got != e.getValue().offset()) {
          return new Group(
              group,
              Verdict.FAILED,
              n,
              behind,
              ahead,
              "wrote offset " + e.getValue().offset() + " to " + e.getKey() + " but read " + got);
        }
      }
      String note =
          clamped == 0
              ? null
              : clamped
                  + " partition(s) set to the destination's end: the source's offset was past it";
      return new Group(group, Verdict.WRITTEN, n, behind, ahead, note);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupNotEmptyException
          || e.getCause() instanceof UnknownMemberIdException) {
        return new Group(
            group,
            Verdict.ACTIVE,
            n,
            behind,
            ahead,
            "a member joined on the destination meanwhile");
      }
      return new Group(
          group, Verdict.FAILED, n, behind, ahead, redact.apply(KafkaAdmins.rootMessage(e)));
    }
  }

  /** Every source group's committed offsets on {@code topics}; groups with none are left out. */
  private Map<String, Map<TopicPartition, Long>> sourceOffsets(Set<String> topics) {
    Collection<ConsumerGroupListing> listed =
        call(source.listConsumerGroups().all(), "listing the source's consumer groups");
    Map<String, ListConsumerGroupOffsetsSpec> all = new HashMap<>();
    listed.forEach(g -> all.put(g.groupId(), new ListConsumerGroupOffsetsSpec()));
    if (all.isEmpty()) {
      return Map.of();
    }
    Map<String, Map<TopicPartition, OffsetAndMetadata>> read =
        call(source.listConsumerGroupOffsets(all).all(), "reading the source's committed offsets");
    Map<String, Map<TopicPartition, Long>> out = new TreeMap<>();
    read.forEach(
        (group, offsets) -> {
          Map<TopicPartition, Long> mine = new HashMap<>();
          offsets.forEach(
              (tp, om) -> {
                if (om != null && topics.contains(tp.topic())) {
                  mine.put(tp, om.offset());
                }
              });
          if (!mine.isEmpty()) {
            out.put(group, mine);
          }
        });
    return out;
  }

  /** {@code admin}'s committed offsets of each group, for the partitions given; absent: none. */
  private Map<String, Map<TopicPartition, Long>> committed(
      Admin admin, Map<String, Map<TopicPartition, Long>> groups) {
    Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
    groups.forEach(
        (g, offsets) ->
            specs.put(
                g,
                new ListConsumerGroupOffsetsSpec().topicPartitions(List.copyOf(offsets.keySet()))));
    Map<String, Map<TopicPartition, OffsetAndMetadata>> read =
        call(
            admin.listConsumerGroupOffsets(specs).all(),
            "reading the destination's committed offsets");
    Map<String, Map<TopicPartition, Long>> out = new HashMap<>();
    read.forEach(
        (g, offsets) -> {
          Map<TopicPartition, Long> m = new HashMap<>();
          offsets.forEach(
              (tp, om) -> {
                if (om != null) {
                  m.put(tp, om.offset());
                }
              });
          out.put(g, m);
        });
    return out;
  }

  /** The destination's description of each group; a group it does not know is left out. */
  private Map<String, ConsumerGroupDescription> describe(List<String> groups) {
    if (groups.isEmpty()) {
      return Map.of();
    }
    Map<String, KafkaFuture<ConsumerGroupDescription>> each =
        destination.describeConsumerGroups(groups).describedGroups();
    Map<String, ConsumerGroupDescription> out = new HashMap<>();
    for (var e : each.entrySet()) {
      try {
        out.put(e.getKey(), get(e.getValue()));
      } catch (ExecutionException ex) {
        if (!(ex.getCause() instanceof GroupIdNotFoundException)) {
          throw failure(ex, "describing the consumer groups on the destination");
        }
      }
    }
    return out;
  }

  private Map<TopicPartition, Long> endOffsets(Admin admin, Set<TopicPartition> partitions) {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> read =
        call(admin.listOffsets(latest).all(), "reading the destination's end offsets");
    Map<TopicPartition, Long> out = new HashMap<>();
    read.forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }

  /**
   * {@code f}'s value; a failure is worded with {@code doing} and redacted: authentication and
   * authorization failures cannot be retried away, anything else can.
   */
  private <T> T call(KafkaFuture<T> f, String doing) {
    try {
      return get(f);
    } catch (ExecutionException e) {
      throw failure(e, doing);
    }
  }

  private OffsetSweepException failure(ExecutionException e, String doing) {
    String why = redact.apply(KafkaAdmins.rootMessage(e));
    Throwable c = e.getCause();
    if (c instanceof AuthenticationException || c instanceof AuthorizationException) {
      return new OffsetSweepException(
          OffsetSweepException.Kind.UNAUTHORIZED,
          doing
              + " was refused: "
              + why
              + ". Grant the cluster's principal DESCRIBE on its consumer groups and topics (READ"
              + " on the destination's groups, to write their offsets)");
    }
    return new OffsetSweepException(
        OffsetSweepException.Kind.TRANSIENT,
        doing + " failed: " + why + ". Check that the brokers are reachable; a retry reads again");
  }

  private static <T> T get(KafkaFuture<T> f) throws ExecutionException {
    return KafkaAdmins.await(f, "the consumer-offset handoff");
  }
}
