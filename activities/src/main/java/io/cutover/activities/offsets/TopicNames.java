package io.cutover.activities.offsets;

import io.cutover.workflow.activity.Targets;
import java.util.Set;

/** The names of a cluster's topics, as VALIDATE resolves topic patterns against the source. */
@FunctionalInterface
public interface TopicNames {

  /**
   * The cluster's topic names, internal topics ({@code __consumer_offsets}...) excluded. Reads
   * only.
   *
   * @throws OffsetSweepException when the listing fails (kind says whether retrying can help)
   */
  Set<String> topicNames(Targets.Kafka cluster);
}
