package io.cutover.sandbox.link;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/** REST v3 mirrors:promote over the link's copiers; per-topic results, never thrown. */
final class LinkPromoter {
  private final String linkName;
  private final Map<String, TopicCopier> mirrors;
  private final MirrorReader reader;
  private final Admin source;
  private final LinkFaults faults;

  LinkPromoter(
      String linkName,
      Map<String, TopicCopier> mirrors,
      MirrorReader reader,
      Admin source,
      LinkFaults faults) {
    this.linkName = linkName;
    this.mirrors = mirrors;
    this.reader = reader;
    this.source = source;
    this.faults = faults;
  }

  List<PromoteOutcome> promote(List<String> topics, boolean validateOnly) {
    Map<String, TopicCopier> known = new LinkedHashMap<>();
    topics.forEach(t -> Optional.ofNullable(mirrors.get(t)).ifPresent(c -> known.put(t, c)));
    Map<String, List<PartitionLag>> lags = new HashMap<>();
    reader
        .read(new ArrayList<>(known.values()))
        .forEach(s -> lags.put(s.mirrorTopicName(), s.lags()));
    // One read of the source's end offsets for the whole request, as the drain targets.
    Map<String, Map<Integer, Long>> ends =
        validateOnly ? Map.of() : sourceEnds(new ArrayList<>(known.values()));
    List<PromoteOutcome> out = new ArrayList<>();
    for (String t : topics) {
      TopicCopier c = known.get(t);
      if (c == null) {
        out.add(
            new PromoteOutcome(
                t,
                404,
                "Topic '" + t + "' is not a mirror topic on cluster link '" + linkName + "'.",
                List.of()));
        continue;
      }
      Optional<LinkFaults.PromoteError> armed = faults.takePromoteError(t);
      if (armed.isPresent()) {
        out.add(new PromoteOutcome(t, armed.get().errorCode(), armed.get().message(), lags.get(t)));
      } else if (c.state() != MirrorState.ACTIVE
          || (!validateOnly && !c.promote(ends.getOrDefault(t, Map.of())))) {
        out.add(new PromoteOutcome(t, 400, refusal(t, c.state()), lags.get(t)));
      } else {
        out.add(new PromoteOutcome(t, null, null, lags.get(t)));
      }
    }
    return out;
  }

  // The spec's own example text for a topic that was promoted before.
  private String refusal(String topic, MirrorState state) {
    return state == MirrorState.FAILED
        ? "Topic '"
            + topic
            + "' has FAILED mirroring from '"
            + linkName
            + "' and cannot be promoted."
        : "Topic '" + topic + "' has already stopped its mirror from '" + linkName + "'";
  }

  private Map<String, Map<Integer, Long>> sourceEnds(List<TopicCopier> copiers) {
    List<TopicPartition> tps = new ArrayList<>();
    for (TopicCopier c : copiers) {
      for (int p = 0; p < c.numPartitions(); p++) {
        tps.add(new TopicPartition(c.topic(), p));
      }
    }
    try {
      Map<String, Map<Integer, Long>> out = new HashMap<>();
      Offsets.endOffsets(source, tps)
          .forEach(
              (tp, o) ->
                  out.computeIfAbsent(tp.topic(), k -> new HashMap<>()).put(tp.partition(), o));
      return out;
    } catch (Exception e) {
      throw new LinkApiException(
          500,
          50003,
          "Cannot read the source end offsets of " + copiers.size() + " mirror(s): " + e);
    }
  }
}
