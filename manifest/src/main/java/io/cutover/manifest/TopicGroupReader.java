package io.cutover.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code spec.topicGroup}, kcp's shape after #426 (docs/manifest.md, "kcp's
 * spec.topicGroup"): one entry naming the route to fence and switch, its target streaming domain,
 * and the topics. It takes the place of {@code spec.gateway.fence.routes}, {@code
 * spec.gateway.crs.switchover} and {@code spec.topics}; the switch is derived from the live CR.
 */
final class TopicGroupReader {
  /** The keys of a topic group entry. */
  static final Set<String> KEYS =
      Set.of("topics", "topicPatterns", "route", "targetStreamingDomain");

  /** The one pattern read: every mirror topic on the link, as omitting spec.topics means. */
  static final String MATCH_ALL = ".*";

  private TopicGroupReader() {}

  /**
   * The group.
   *
   * @param route the route to fence and switch; null when wrong (with a problem)
   * @param targetStreamingDomain null when wrong (with a problem)
   * @param topics empty for every mirror topic on the link
   */
  record TopicGroup(String route, String targetStreamingDomain, List<String> topics) {}

  /** The group, or null when {@code spec.topicGroup} is absent. Problems go to the spec's list. */
  static TopicGroup read(Section spec) {
    if (!spec.present("topicGroup")) {
      return null;
    }
    String path = spec.path("topicGroup");
    JsonNode list = spec.raw("topicGroup");
    if (!list.isArray() || list.size() != 1) {
      spec.problems()
          .add(
              path
                  + ": must be a list of exactly one entry (one route and its topics per manifest, as"
                  + " kcp reads it), got "
                  + (list.isArray() ? list.size() + " entries" : Section.kind(list)));
      return new TopicGroup(null, null, List.of());
    }
    if (spec.present("topics")) {
      spec.problems()
          .add(
              spec.path("topics")
                  + ": not allowed with spec.topicGroup; list the topics in "
                  + FieldPaths.index(path, 0)
                  + ".topics");
    }
    Section g = Section.of(list.get(0), FieldPaths.index(path, 0), spec.problems());
    g.allowOnly(KEYS, Map.of());
    String route =
        g.requiredText("route", "(the route of the live Gateway CR to fence and switch)");
    String target =
        g.requiredText(
            "targetStreamingDomain",
            "(the streaming domain of the live Gateway CR the route" + " switches to)");
    return new TopicGroup(route, target, topics(g));
  }

  private static List<String> topics(Section g) {
    List<String> topics = g.strings("topics");
    List<String> patterns = g.strings("topicPatterns");
    if (g.absent()) {
      return List.of();
    }
    if ((topics == null || topics.isEmpty()) && (patterns == null || patterns.isEmpty())) {
      g.problems()
          .add(
              g.path("topics")
                  + ": at least one of topics or topicPatterns must list something; write"
                  + " topicPatterns: ['.*'] for every mirror topic on the link");
      return List.of();
    }
    boolean all = false;
    for (int i = 0; patterns != null && i < patterns.size(); i++) {
      String p = patterns.get(i);
      if (MATCH_ALL.equals(p)) {
        all = true;
      } else if (p != null) {
        g.problems()
            .add(
                FieldPaths.index(g.path("topicPatterns"), i)
                    + ": \""
                    + p
                    + "\": only the match-all"
                    + " pattern '.*' is read in this release (every mirror topic on the link); list the topics in "
                    + g.path("topics")
                    + " instead");
      }
    }
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; topics != null && i < topics.size(); i++) {
      String t = topics.get(i);
      if (t != null && t.isBlank()) {
        g.problems().add(FieldPaths.index(g.path("topics"), i) + ": must not be blank");
      } else if (t != null) {
        out.add(t);
      }
    }
    return all ? List.of() : new ArrayList<>(out);
  }
}
