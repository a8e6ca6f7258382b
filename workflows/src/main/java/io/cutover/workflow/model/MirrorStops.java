package io.cutover.workflow.model;

import java.time.Instant;

/**
 * Where the mirrors of a group stopped, kept outside the history: as the committed offsets of a
 * consumer group on the destination, one per partition, written at the end of PROMOTE while the
 * destination's end offsets still are the stop offsets (clients are fenced, nothing else writes
 * there). After SWITCH the destination moves on, and this record is what the watch for stranded
 * writes compares the source with (docs/architecture.md, "Stranded writes"). A wire format: add
 * components only.
 *
 * @param group the consumer group on the destination that holds the stop offsets
 * @param recordedAt when they were recorded; written into every offset's metadata, so that a record
 *     written by another attempt (or by hand) is told apart
 * @param partitions how many partitions were recorded
 * @param problem why nothing was recorded (the source is then not watched after SWITCH); null when
 *     recorded and read back
 */
public record MirrorStops(String group, Instant recordedAt, int partitions, String problem) {
  /** The prefix of every group that holds stop offsets, for the destination's ACLs. */
  public static final String GROUP_PREFIX = "cutover.mirror-stops.";

  /** The group that holds the stop offsets of {@code migration}. */
  public static String groupFor(String migration) {
    return GROUP_PREFIX + migration;
  }

  public boolean recorded() {
    return problem == null;
  }

  /** The metadata of every committed offset of the record, naming when it was written. */
  public static String metadata(Instant recordedAt) {
    return "cutover: where the mirror stopped, recorded " + recordedAt;
  }
}
