package io.cutover.workflow.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The topics of a cutover by reference, so that no request or answer in history grows with the
 * group (docs/architecture.md, "Topic sets"). VALIDATE names the set it checked by its size and a
 * SHA-256 of its names in order; activities re-resolve the reference and refuse it when the live
 * set no longer matches. A record may stand for a part of the set, {@code [from, to)}: one promote
 * batch.
 *
 * <p>Where the names come from is the {@link Selection}: the mirror topics on the link (re-read
 * from the link, sorted by name: the names never enter history), all of them or those that {@code
 * patterns} select, or the plan's own list (carried inline, because the plan already holds them). A
 * wire format: add components only.
 *
 * @param selection where the names come from
 * @param total size of the whole validated set
 * @param digest lowercase hex SHA-256 over the whole set's names, each followed by a newline
 * @param from first index of the part this record stands for
 * @param to index after its last
 * @param names the names of {@code [from, to)} for {@link Selection#LISTED}; empty for {@link
 *     Selection#LINK}, and empty in a {@link ValidationReport} (the plan has them)
 * @param patterns for {@link Selection#LINK}: the selectors ({@link TopicPatterns}; a listed name
 *     as its quoted literal) whose mirrors form the set; empty for every mirror on the link
 */
public record TopicSet(
    Selection selection,
    int total,
    String digest,
    int from,
    int to,
    List<String> names,
    List<String> patterns) {

  /** Where a set's names come from. */
  public enum Selection {
    /** Every mirror topic on the plan's cluster link, sorted by name (the manifest lists none). */
    LINK,
    /** The topics the manifest lists, in its order. */
    LISTED
  }

  public TopicSet {
    names = names == null ? List.of() : List.copyOf(names);
    patterns = patterns == null ? List.of() : List.copyOf(patterns);
    if (selection == null || digest == null || from < 0 || to < from || to > total) {
      throw new IllegalArgumentException(
          "invalid topic set: " + selection + " [" + from + ", " + to + ") of " + total);
    }
    if (!names.isEmpty() && names.size() != to - from) {
      throw new IllegalArgumentException(
          "a topic set part of " + (to - from) + " carries " + names.size() + " names");
    }
  }

  /** A set without selectors: every mirror on the link, or a listed one. */
  public TopicSet(
      Selection selection, int total, String digest, int from, int to, List<String> names) {
    this(selection, total, digest, from, to, names, List.of());
  }

  /** Every mirror topic on the link, as resolved now (sorted by name); the names stay out. */
  public static TopicSet link(List<String> sortedNames) {
    return link(sortedNames, List.of());
  }

  /**
   * The mirror topics on the link that {@code patterns} select (every one when empty), as resolved
   * now (sorted by name); the names stay out.
   */
  public static TopicSet link(List<String> sortedNames, List<String> patterns) {
    return new TopicSet(
        Selection.LINK,
        sortedNames.size(),
        digestOf(sortedNames),
        0,
        sortedNames.size(),
        List.of(),
        patterns);
  }

  /**
   * The selectors of a plan's link set: its patterns plus each listed name as a quoted literal, so
   * that one list says which mirrors are in scope; empty for every mirror.
   */
  public static List<String> selectors(MigrationPlan plan) {
    if (plan.topicPatterns().isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(plan.topicPatterns());
    plan.topics().forEach(t -> out.add(Pattern.quote(t)));
    return List.copyOf(out);
  }

  /** The manifest's list, names inline. */
  public static TopicSet listed(List<String> names) {
    return new TopicSet(Selection.LISTED, names.size(), digestOf(names), 0, names.size(), names);
  }

  /** Topics of the whole set. */
  public int size() {
    return to - from;
  }

  public boolean whole() {
    return from == 0 && to == total;
  }

  /**
   * Whether the names must be read from the link (a LINK set, or a LISTED one stripped of names).
   */
  public boolean needsResolving() {
    return names.isEmpty() && size() > 0;
  }

  /** This reference without names, for records that must stay small. */
  public TopicSet withoutNames() {
    return new TopicSet(selection, total, digest, from, to, List.of(), patterns);
  }

  /**
   * This LISTED reference with the plan's names put back.
   *
   * @throws IllegalStateException when the names are not the ones this reference was made from
   */
  public TopicSet withNames(List<String> planTopics) {
    if (selection != Selection.LISTED
        || !whole()
        || planTopics.size() != total
        || !digest.equals(digestOf(planTopics))) {
      throw new IllegalStateException("the plan's topics are not the validated topic set " + this);
    }
    return listed(planTopics);
  }

  /**
   * This reference as a workflow uses it: a listed set gets the plan's names back (a report carries
   * none); a link set stays a reference.
   *
   * @throws IllegalStateException when a listed set's names are not the plan's
   */
  public TopicSet withPlanNames(List<String> planTopics) {
    return selection == Selection.LISTED ? withNames(planTopics) : this;
  }

  /**
   * The part {@code [start, start + size)}, clipped to this set; names carried when this has them.
   */
  public TopicSet part(int start, int size) {
    int a = Math.min(to, from + start);
    int b = Math.min(to, a + size);
    List<String> sub = names.isEmpty() ? List.of() : names.subList(a - from, b - from);
    return new TopicSet(selection, total, digest, a, b, sub, patterns);
  }

  /** SHA-256 over the names in order, each followed by a newline, as lowercase hex. */
  public static String digestOf(List<String> names) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String n : names) {
        md.update(n.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Short and secret-free: {@code LINK[0,500) of 1000 sha256:1a2b3c4d}. */
  @Override
  public String toString() {
    return selection
        + "["
        + from
        + ","
        + to
        + ") of "
        + total
        + " sha256:"
        + digest.substring(0, Math.min(8, digest.length()));
  }
}
