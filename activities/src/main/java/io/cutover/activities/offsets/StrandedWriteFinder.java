package io.cutover.activities.offsets;

import io.cutover.workflow.model.StrandedWrites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Source end offsets against the offsets at which the mirrors stopped (the destination's end
 * offsets while nothing else writes there: after STOPPED, before SWITCH).
 */
final class StrandedWriteFinder {
  private StrandedWriteFinder() {}

  /**
   * One line per source partition whose end offset exceeds its mirror's stop offset (0 when the
   * destination lacks the partition), sorted by topic then partition.
   */
  static StrandedWrites compare(
      Instant at, Map<TopicPartition, Long> source, Map<TopicPartition, Long> stoppedAt) {
    List<TopicPartition> stranded = UnroutedProducerDetector.beyond(source, stoppedAt);
    List<String> lines = new ArrayList<>();
    long records = 0;
    for (TopicPartition tp : stranded) {
      long from = stoppedAt.getOrDefault(tp, 0L);
      long to = source.get(tp);
      records += to - from;
      if (lines.size() < StrandedWrites.MAX_LISTED) {
        lines.add(
            String.format(
                Locale.ROOT,
                "topic %s partition %d: offsets %d..%d (%d record(s)) on the source only",
                tp.topic(),
                tp.partition(),
                from,
                to - 1,
                to - from));
      }
    }
    return new StrandedWrites(at, stranded.size(), records, lines);
  }
}
