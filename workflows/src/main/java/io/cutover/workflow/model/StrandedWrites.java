package io.cutover.workflow.model;

import java.time.Instant;
import java.util.List;

/**
 * Records written to the source after their mirror stopped: once every mirror of the group is
 * STOPPED, each partition's destination end offset is where its mirror stopped, so a source end
 * offset beyond it counts records that will never reach the destination (a producer that bypasses
 * the gateway wrote them). Capped, so a status stays small whatever moved.
 *
 * @param checkedAt when the offsets were compared
 * @param partitions partitions with stranded records
 * @param records stranded records over all partitions
 * @param lines one line per partition, the first {@link #MAX_LISTED}: {@code topic <t> partition
 *     <p>: offsets <from>..<to> (<n> records) on the source only}
 * @param stops where the mirrors stopped, as recorded for the watch after SWITCH; null when not
 *     asked for (a run started before the watch existed)
 * @param watchingUntil while the source is still watched after DONE, when the watch ends; null
 *     otherwise
 */
public record StrandedWrites(
    Instant checkedAt,
    int partitions,
    long records,
    List<String> lines,
    MirrorStops stops,
    Instant watchingUntil) {
  public static final int MAX_LISTED = 50;

  public StrandedWrites {
    lines =
        lines == null
            ? List.of()
            : List.copyOf(lines.subList(0, Math.min(MAX_LISTED, lines.size())));
  }

  /** A finding without a record of the stops (the check before the watch existed, a fake). */
  public StrandedWrites(Instant checkedAt, int partitions, long records, List<String> lines) {
    this(checkedAt, partitions, records, lines, null, null);
  }

  /** This finding with the record of where the mirrors stopped. */
  public StrandedWrites withStops(MirrorStops recorded) {
    return new StrandedWrites(checkedAt, partitions, records, lines, recorded, watchingUntil);
  }

  /** This finding, said while the source is watched until {@code until} (null: no longer). */
  public StrandedWrites watching(Instant until) {
    return new StrandedWrites(checkedAt, partitions, records, lines, stops, until);
  }

  public boolean any() {
    return partitions > 0;
  }

  /** What status, the run report and the Web UI say, with what to do. */
  public String describe() {
    if (!any()) {
      return "no record was written to the source after its mirror stopped";
    }
    String more =
        partitions > lines.size()
            ? " (and " + (partitions - lines.size()) + " more partition(s))"
            : "";
    return records
        + " record(s) on "
        + partitions
        + " partition(s) were written to the source after their mirror stopped and will never reach"
        + " the destination: "
        + String.join("; ", lines)
        + more
        + ". A producer writes to the source directly, bypassing the gateway: find it and move it to"
        + " the gateway; the records are on the source at these offsets, to be re-produced to the"
        + " destination if they matter.";
  }
}
