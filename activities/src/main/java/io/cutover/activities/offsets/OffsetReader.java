package io.cutover.activities.offsets;

import io.cutover.workflow.activity.Targets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Reads the latest (end) offset of every partition of some topics on one cluster. */
@FunctionalInterface
public interface OffsetReader {

  /**
   * One sweep: the end offset of every partition of {@code topics} on {@code cluster}.
   *
   * @throws OffsetSweepException when the sweep fails (kind says whether retrying can help)
   */
  Map<TopicPartition, Long> latestOffsets(Targets.Kafka cluster, List<String> topics);
}
