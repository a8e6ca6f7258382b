package io.cutover.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.workflow.model.TopicPatterns;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads kcp's {@code topicGroup}, a list of exactly one entry: the topics by name and by pattern
 * (docs/manifest.md, "Topic groups"). After #426 it is {@code spec.topicGroup} and its entry also
 * names the route and the target streaming domain; in the later {@code spec.route} and v0.11 shapes
 * it sits beside them ({@link MigrationSections}). It takes the place of {@code
 * spec.gateway.fence.routes}, {@code spec.gateway.crs.switchover} and {@code spec.topics}; the
 * switch is derived from the live CR.
 */
final class TopicGroupReader {
  /** The keys of a {@code spec.topicGroup} entry. */
  static final Set<String> KEYS =
      Set.of("topics", "topicPatterns", "route", "targetStreamingDomain");

  /** The keys of a topic group entry that sits beside its route. */
  static final Set<String> SELECTION_KEYS = Set.of("topics", "topicPatterns");

  private TopicGroupReader() {}

  /**
   * The group.
   *
   * @param route the route to fence and switch; null when wrong (with a problem)
   * @param targetStreamingDomain null when wrong (with a problem)
   * @param targetPath where the target streaming domain is written, for problems about it
   * @param topics the topics by name; with no patterns, empty for every mirror topic on the link
   * @param patterns anchored full-match patterns; empty when none (or only the match-all one)
   */
  record TopicGroup(
      String route,
      String targetStreamingDomain,
      String targetPath,
      List<String> topics,
      List<String> patterns) {}

  /**
   * {@code spec.topicGroup} as #426 wrote it, or null when absent. Problems go to the spec's list.
   */
  static TopicGroup read(Section spec) {
    if (!spec.present("topicGroup")) {
      return null;
    }
    Section g = entry(spec);
    if (g == null) {
      return new TopicGroup(null, null, "", List.of(), List.of());
    }
    g.allowOnly(KEYS, Map.of());
    String route =
        g.requiredText("route", "(the route of the live Gateway CR to fence and switch)");
    String target =
        g.requiredText(
            "targetStreamingDomain",
            "(the streaming domain of the live Gateway CR the route switches to)");
    return selection(g, route, target, g.path("targetStreamingDomain"));
  }

  /**
   * The {@code topicGroup} of {@code owner} (spec.route or spec.staticMigration), whose route and
   * target streaming domain are written beside it; null with a problem when it is missing.
   */
  static TopicGroup beside(Section owner, String route, String target, String targetPath) {
    if (!owner.present("topicGroup")) {
      if (!owner.absent()) {
        owner
            .problems()
            .add(
                owner.path("topicGroup")
                    + ": missing; list the topics that move, e.g. topicGroup: [{topics: [orders]}],"
                    + " or topicGroup: [{topicPatterns: ['.*']}] for every mirror topic on the link");
      }
      return new TopicGroup(route, target, targetPath, List.of(), List.of());
    }
    Section g = entry(owner);
    if (g == null) {
      return new TopicGroup(route, target, targetPath, List.of(), List.of());
    }
    g.allowOnly(SELECTION_KEYS, Map.of());
    return selection(g, route, target, targetPath);
  }

  /** The one entry of {@code owner.topicGroup}, or null with a problem. */
  private static Section entry(Section owner) {
    String path = owner.path("topicGroup");
    JsonNode list = owner.raw("topicGroup");
    if (!list.isArray() || list.size() != 1) {
      owner
          .problems()
          .add(
              path
                  + ": must be a list of exactly one entry (one route and its topics per manifest, as"
                  + " kcp reads it), got "
                  + (list.isArray() ? list.size() + " entries" : Section.kind(list)));
      return null;
    }
    return Section.of(list.get(0), FieldPaths.index(path, 0), owner.problems());
  }

  private static TopicGroup selection(Section g, String route, String target, String targetPath) {
    List<String> topics = g.strings("topics");
    List<String> patterns = g.strings("topicPatterns");
    if (g.absent()) {
      return new TopicGroup(route, target, targetPath, List.of(), List.of());
    }
    if ((topics == null || topics.isEmpty()) && (patterns == null || patterns.isEmpty())) {
      g.problems()
          .add(
              g.path("topics")
                  + ": at least one of topics or topicPatterns must list something; write"
                  + " topicPatterns: ['.*'] for every mirror topic on the link");
      return new TopicGroup(route, target, targetPath, List.of(), List.of());
    }
    boolean all = false;
    Set<String> readPatterns = new LinkedHashSet<>();
    for (int i = 0; patterns != null && i < patterns.size(); i++) {
      String p = patterns.get(i);
      if (TopicPatterns.MATCH_ALL.equals(p)) {
        all = true;
      } else if (p != null) {
        String at = FieldPaths.index(g.path("topicPatterns"), i);
        TopicPatterns.problem(p)
            .ifPresentOrElse(
                why -> g.problems().add(at + ": \"" + p + "\" " + why), () -> readPatterns.add(p));
      }
    }
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; topics != null && i < topics.size(); i++) {
      String t = topics.get(i);
      if (t != null && t.isBlank()) {
        g.problems().add(FieldPaths.index(g.path("topics"), i) + ": must not be blank");
      } else if (t != null) {
        names.add(t);
      }
    }
    // The match-all pattern takes in every name and every other pattern: the plan says "every
    // mirror on the link", which travels by reference (docs/architecture.md, "Topic sets").
    return all
        ? new TopicGroup(route, target, targetPath, List.of(), List.of())
        : new TopicGroup(
            route, target, targetPath, new ArrayList<>(names), new ArrayList<>(readPatterns));
  }
}
