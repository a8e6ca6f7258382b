package io.cutover.sandbox.workload;

import java.util.Collection;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer group's re-deliveries, split by cause (docs/sandbox.md, "Re-deliveries"). While the
 * fence holds no commit succeeds, so the group's committed offsets on the source are final from the
 * fence on. A record delivered again below that offset was re-read because the destination's
 * committed offset started behind the source's: the offset handoff's doing (target 0). A record at
 * or above it had been processed but its commit was refused by the fence: the client's own doing,
 * at most one poll ({@code max.poll.records}) per refused commit.
 *
 * @param byHandoff re-deliveries below the source's final committed offset of their partition
 * @param byClient re-deliveries at or above it
 */
public record Redeliveries(long byHandoff, long byClient) {

  /** A delivery of a record the group had received before. */
  record Redelivery(TopicPartition partition, long offset) {}

  /**
   * @param sourceCommitted the group's committed offsets on the source after the cutover (on a
   *     partition without one the group never committed, so every re-delivery there is its own)
   */
  static Redeliveries split(
      Collection<Redelivery> redeliveries, Map<TopicPartition, Long> sourceCommitted) {
    long handoff = 0;
    long client = 0;
    for (Redelivery r : redeliveries) {
      if (r.offset() < sourceCommitted.getOrDefault(r.partition(), 0L)) {
        handoff++;
      } else {
        client++;
      }
    }
    return new Redeliveries(handoff, client);
  }

  /** The demo's line, printed just before RESULT. */
  public String line() {
    return "REDELIVERIES handoff=" + byHandoff + " client=" + byClient;
  }
}
