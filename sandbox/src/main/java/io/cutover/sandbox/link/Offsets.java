package io.cutover.sandbox.link;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** End-offset reads through an Admin client. */
final class Offsets {
  static final long TIMEOUT_MS = 10_000;

  private Offsets() {}

  /** Latest (end) offset per partition; empty input gives an empty map. */
  static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<TopicPartition> partitions)
      throws Exception {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
    partitions.forEach(tp -> spec.put(tp, OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> r =
        admin.listOffsets(spec).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    Map<TopicPartition, Long> out = new HashMap<>();
    r.forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }
}
