package io.cutover.activities.clusterlink;

import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.TopicPatterns;
import io.cutover.workflow.model.TopicSet;
import io.temporal.failure.ApplicationFailure;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@link TopicSet} references back into names on the worker (docs/architecture.md, "Topic
 * sets"). A set that carries its names is taken as it is. A set of every mirror on the link is read
 * from the link (those its patterns select, when it has patterns), sorted by name, and must match
 * the validated count and SHA-256. A whole set is always read live, so each lag wait and the
 * detection window check that the scope is still the one VALIDATE saw; a part (one promote batch,
 * inside the fenced window) is answered from the names this worker last resolved for that digest,
 * which never change.
 */
public final class TopicSets {
  /** Reads the names of every mirror topic on a link. */
  @FunctionalInterface
  public interface MirrorNames {
    List<String> of(Targets.Link link);
  }

  static final int REMEMBERED = 16;

  private final MirrorNames mirrors;
  private final Map<String, List<String>> known =
      Collections.synchronizedMap(
          new LinkedHashMap<>(REMEMBERED, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
              return size() > REMEMBERED;
            }
          });

  public TopicSets(MirrorNames mirrors) {
    this.mirrors = mirrors;
  }

  /** For callers that only ever pass sets with their names (lag-check, tests). */
  public static TopicSets namesOnly() {
    return new TopicSets(
        link -> {
          throw ApplicationFailure.newNonRetryableFailure(
              "this caller cannot read a cluster link, so it needs the"
                  + " topic names in the request",
              FailureTypes.INVALID_REQUEST);
        });
  }

  /**
   * The names {@code set} stands for.
   *
   * @throws ApplicationFailure non-retryable {@code TopicSetChanged} when the link's mirror topics
   *     are no longer the validated set; {@code InvalidRequest} for a link set without a link
   */
  public List<String> resolve(Targets.Link link, TopicSet set) {
    if (!set.needsResolving()) {
      return set.names();
    }
    if (set.selection() != TopicSet.Selection.LINK) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a listed topic set arrived without its names (" + set + "); the workflow must send them",
          FailureTypes.INVALID_REQUEST);
    }
    List<String> names = set.whole() ? null : known.get(set.digest());
    if (names == null) {
      if (link == null) {
        throw ApplicationFailure.newNonRetryableFailure(
            "the request names every mirror on the link ("
                + set
                + ") but no link to read them from",
            FailureTypes.INVALID_REQUEST);
      }
      List<String> all = mirrors.of(link);
      names =
          (set.patterns().isEmpty() ? all : TopicPatterns.select(all, List.of(), set.patterns()))
              .stream().sorted().toList();
      String digest = TopicSet.digestOf(names);
      if (!digest.equals(set.digest())) {
        throw changed(link, set, names.size());
      }
      known.put(digest, names);
    }
    return names.subList(set.from(), set.to());
  }

  private static ApplicationFailure changed(Targets.Link link, TopicSet set, int now) {
    return ApplicationFailure.newNonRetryableFailure(
        "the mirror topics on cluster link \""
            + link.linkName()
            + "\" are no longer the set VALIDATE checked ("
            + set.total()
            + " topic(s) then, "
            + now
            + " now, different"
            + " names or count): the manifest names no topics, so its scope is every mirror on the link. Before the"
            + " point of no return the attempt is rolled back and the next execute validates the new set; to keep"
            + " other teams' mirrors out of this group, list its topics in the manifest (spec.topics)",
        FailureTypes.TOPIC_SET_CHANGED);
  }
}
