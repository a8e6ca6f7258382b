package io.cutover.workflow.model;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The consumer-offset handoff at the end of PROMOTE (docs/architecture.md, "The offset handoff"):
 * while the fence holds no client can commit, so each consumer group's committed offsets on the
 * source are final; the destination's must equal them before SWITCH lets the group's consumers in,
 * or they re-read (destination behind) or skip (destination ahead) records. Capped, so a status
 * stays small however many groups there are.
 *
 * @param checkedAt when the offsets were compared
 * @param groups consumer groups with committed offsets on the group's topics on the source
 * @param synced groups whose destination offsets already equalled the source's (the link's sync)
 * @param written groups whose offsets Cutover wrote to the destination and read back equal
 * @param unmatched groups left different (active on the destination, or the write failed)
 * @param listed one entry per group, those left different first, the first {@link #MAX_LISTED}
 */
public record OffsetHandoff(
    Instant checkedAt, int groups, int synced, int written, int unmatched, List<Group> listed) {
  public static final int MAX_LISTED = 50;

  public OffsetHandoff {
    listed =
        listed == null
            ? List.of()
            : List.copyOf(listed.subList(0, Math.min(MAX_LISTED, listed.size())));
  }

  /**
   * The handoff of {@code all} groups, counted in full, of which the first {@link #MAX_LISTED} are
   * kept.
   */
  public static OffsetHandoff of(Instant at, List<Group> all) {
    int synced = (int) all.stream().filter(g -> g.verdict() == Verdict.SYNCED).count();
    int written = (int) all.stream().filter(g -> g.verdict() == Verdict.WRITTEN).count();
    return new OffsetHandoff(at, all.size(), synced, written, all.size() - synced - written, all);
  }

  /** How one group's offsets were handed over. */
  public enum Verdict {
    /** The destination already had the source's offsets (the link synced them). */
    SYNCED,
    /** Cutover wrote the source's offsets to the destination and read them back equal. */
    WRITTEN,
    /** The group has members on the destination already, so its offsets were not written. */
    ACTIVE,
    /** Writing or reading back the offsets failed; {@code detail} says how. */
    FAILED
  }

  /**
   * @param partitions partitions of the group's topics with a committed offset on the source
   * @param behind records the destination was behind the source before the handoff, summed over
   *     partitions (a partition with no offset there counts the source's whole offset): what the
   *     group's consumers would have read twice
   * @param ahead records the destination was ahead, summed: what they would have skipped
   * @param detail why a group was left different; null otherwise
   */
  public record Group(
      String group, Verdict verdict, int partitions, long behind, long ahead, String detail) {
    public boolean matched() {
      return verdict == Verdict.SYNCED || verdict == Verdict.WRITTEN;
    }

    /** One line: {@code <group>: <verdict>, <n> partition(s)[, was <b> behind / <a> ahead]}. */
    public String describe() {
      String diff =
          behind == 0 && ahead == 0
              ? ""
              : String.format(Locale.ROOT, ", was %d record(s) behind and %d ahead", behind, ahead);
      return group
          + ": "
          + verdict.name().toLowerCase(Locale.ROOT)
          + ", "
          + partitions
          + " partition(s)"
          + diff
          + (detail == null ? "" : " (" + detail + ")");
    }
  }

  public boolean allMatched() {
    return unmatched == 0;
  }

  /** What status, the run report and the Web UI say, with what to do when a group differs. */
  public String describe() {
    String head =
        groups
            + " consumer group(s): "
            + synced
            + " already synced by the link, "
            + written
            + " written by Cutover, "
            + unmatched
            + " left different";
    if (allMatched()) {
      return head;
    }
    List<String> different =
        listed.stream().filter(g -> !g.matched()).map(Group::describe).toList();
    return head
        + ": "
        + String.join("; ", different)
        + ". Their consumers start on the destination at the destination's committed offsets: stop"
        + " the group's members there and set its offsets to the source's (kafka-consumer-groups"
        + " --reset-offsets) before they consume.";
  }
}
