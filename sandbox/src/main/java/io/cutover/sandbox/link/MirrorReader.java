package io.cutover.sandbox.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads mirror snapshots with live lags: lag = source end offset − destination end offset (never
 * below 0), {@code last_source_fetch_offset} = the copier's position. One ListOffsets call per
 * cluster for all requested mirrors. For a STOPPED topic the same formula is kept: it shows how far
 * the source moved after the promote (e.g. producers that bypass the gateway).
 */
final class MirrorReader {
  private final Admin source;
  private final Admin destination;

  MirrorReader(Admin source, Admin destination) {
    this.source = source;
    this.destination = destination;
  }

  /**
   * @throws LinkApiException 500/50003 when an end offset cannot be read (retriable on the REST
   *     side)
   */
  List<MirrorSnapshot> read(List<TopicCopier> copiers) {
    List<TopicPartition> tps = new ArrayList<>();
    for (TopicCopier c : copiers) {
      for (int p = 0; p < c.numPartitions(); p++) {
        tps.add(new TopicPartition(c.topic(), p));
      }
    }
    Map<TopicPartition, Long> srcEnds;
    Map<TopicPartition, Long> dstEnds;
    try {
      srcEnds = Offsets.endOffsets(source, tps);
      dstEnds = Offsets.endOffsets(destination, tps);
    } catch (Exception e) {
      throw new LinkApiException(500, 50003, "Cannot read end offsets of the mirror topics: " + e);
    }
    List<MirrorSnapshot> out = new ArrayList<>();
    for (TopicCopier c : copiers) {
      List<PartitionLag> lags = new ArrayList<>();
      for (int p = 0; p < c.numPartitions(); p++) {
        TopicPartition tp = new TopicPartition(c.topic(), p);
        long lag = Math.max(0, srcEnds.getOrDefault(tp, 0L) - dstEnds.getOrDefault(tp, 0L));
        lags.add(new PartitionLag(p, lag, Math.max(0, c.position(p))));
      }
      out.add(
          new MirrorSnapshot(
              c.topic(), c.topic(), c.numPartitions(), c.state(), c.stateTimeMs(), lags));
    }
    return out;
  }
}
