package io.cutover.manifest;

import io.cutover.workflow.model.PolicyOverrides;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of kcp's manifest shapes a spec is written in, and where that shape keeps the route, the
 * topics and the policies (docs/manifest.md, "Shapes"):
 *
 * <ul>
 *   <li>a3f82bb (and ours): {@code spec.gateway.fence.routes}, {@code spec.topics}, {@code
 *       spec.defaultPolicies};
 *   <li>#426: {@code spec.topicGroup[1]} with the route and target streaming domain in the entry;
 *   <li>the {@code spec.route} stage: {@code spec.route.{name, topicGroup[1],
 *       targetStreamingDomain}} and {@code spec.defaultPolicies};
 *   <li>v0.11: exactly one of {@code spec.staticMigration} (read), {@code spec.dynamicMigration}
 *       and {@code spec.dynamicToStaticConversion} (refused: this release cuts over static routes
 *       only), each with its own {@code policies}.
 * </ul>
 */
final class MigrationSections {

  static final List<String> KEYS =
      List.of(
          "topicGroup",
          "route",
          "staticMigration",
          "dynamicMigration",
          "dynamicToStaticConversion");

  /** Policies of kcp's route conversion, which this release does not run. */
  private static final Set<String> CONVERSION_POLICIES =
      Set.of("detectUnroutedCommitsDuration", "offsetSyncConcurrency");

  static final String BASELINE = "consumerOffsetSyncBaseline";

  /**
   * What the shape says.
   *
   * @param group the route, domain and topics; null for the a3f82bb shape
   * @param policies where the policies are written
   * @param baseline where the offset-sync baseline is written, and its key
   * @param baselineKey its key there
   */
  record Shape(
      TopicGroupReader.TopicGroup group,
      PolicyReader.Placement policies,
      Section baseline,
      String baselineKey) {}

  private MigrationSections() {}

  static Shape read(Section spec, Section clusterLink) {
    List<String> written = KEYS.stream().filter(spec::present).toList();
    if (written.size() > 1) {
      spec.problems()
          .add(
              "spec: "
                  + String.join(", ", written)
                  + " are different shapes of kcp's manifest; write exactly one (docs/manifest.md,"
                  + " \"Shapes\")");
    }
    Section defaults = spec.section("defaultPolicies", false);
    if (!written.isEmpty() && spec.present("topics")) {
      spec.problems()
          .add(
              spec.path("topics")
                  + ": not allowed with spec."
                  + written.get(0)
                  + "; list the topics in spec."
                  + (written.get(0).equals("topicGroup") ? "" : written.get(0) + ".")
                  + "topicGroup[0].topics");
    }
    String first = written.isEmpty() ? "" : written.get(0);
    return switch (first) {
      case "staticMigration" -> staticMigration(spec, clusterLink);
      case "dynamicMigration", "dynamicToStaticConversion" -> {
        spec.problems()
            .add(
                spec.path(first)
                    + ": "
                    + (first.equals("dynamicMigration")
                        ? "a topic-based migration on a dynamic route"
                        : "a dynamic-to-static route conversion")
                    + " is not supported by this release, which cuts over static routes: migrate"
                    + " the route's topics together with spec.staticMigration (docs/manifest.md,"
                    + " \"Shapes\")");
        yield classic(
            new TopicGroupReader.TopicGroup(null, null, "", List.of(), List.of()),
            defaults,
            clusterLink);
      }
      case "route" -> {
        Section r = spec.section("route", false);
        Shape shape = classic(route(r), defaults, clusterLink);
        // A conversion is refused as a whole: its own policies are not reported one by one.
        yield r.present("convertTo") ? conversionPoliciesAllowed(shape) : shape;
      }
      case "topicGroup" -> classic(TopicGroupReader.read(spec), defaults, clusterLink);
      default -> classic(null, defaults, clusterLink);
    };
  }

  private static Shape classic(
      TopicGroupReader.TopicGroup group, Section defaults, Section clusterLink) {
    Map<String, String> hints =
        hints(
            "it is a policy of kcp's route conversion (spec.route.convertTo), which this"
                + " release does not run; remove it");
    return new Shape(
        group, PolicyReader.Placement.classic(defaults, clusterLink, hints), clusterLink, BASELINE);
  }

  private static Shape conversionPoliciesAllowed(Shape s) {
    PolicyReader.Placement p = s.policies();
    Set<String> keys = new HashSet<>(p.otherKeys());
    keys.addAll(CONVERSION_POLICIES);
    return new Shape(
        s.group(),
        new PolicyReader.Placement(p.defaults(), p.pause(), p.pauseKey(), keys, Map.of()),
        s.baseline(),
        s.baselineKey());
  }

  /** kcp's spec.route stage: the route, its target domain and the topic group in one mapping. */
  private static TopicGroupReader.TopicGroup route(Section r) {
    r.allowOnly(
        Set.of("name", "topicGroup", "targetStreamingDomain"),
        Map.of(
            "convertTo",
            "a dynamic-to-static route conversion is not supported by this release, which cuts"
                + " over static routes; remove convertTo and list the topics in topicGroup"));
    String name = r.requiredText("name", "(the route of the live Gateway CR to fence and switch)");
    String target =
        r.requiredText(
            "targetStreamingDomain",
            "(the streaming domain of the live Gateway CR the route switches to)");
    if (r.present("convertTo")) {
      return new TopicGroupReader.TopicGroup(
          name, target, r.path("targetStreamingDomain"), List.of(), List.of());
    }
    return TopicGroupReader.beside(r, name, target, r.path("targetStreamingDomain"));
  }

  /** kcp v0.11's spec.staticMigration: route, topic group, offset-sync pause and policies. */
  private static Shape staticMigration(Section spec, Section clusterLink) {
    Section m = spec.section("staticMigration", false);
    m.allowOnly(Set.of("route", "topicGroup", "consumerOffsetSync", "policies"), Map.of());
    String hint = "kcp v0.11 rejects it next to spec.staticMigration: move it to ";
    if (spec.present("defaultPolicies")) {
      spec.problems().add(spec.path("defaultPolicies") + ": " + hint + m.path("policies"));
    }
    Section sync = m.section("consumerOffsetSync", false);
    sync.allowOnly(Set.of("pause", "baseline"), Map.of());
    String pause = "pauseConsumerOffsetSync";
    if (clusterLink.present(pause)) {
      clusterLink.problems().add(clusterLink.path(pause) + ": " + hint + sync.path("pause"));
    }
    if (clusterLink.present(BASELINE)) {
      clusterLink.problems().add(clusterLink.path(BASELINE) + ": " + hint + sync.path("baseline"));
    }
    Section r = m.section("route", true);
    r.allowOnly(Set.of("name", "targetStreamingDomain"), Map.of());
    String name = r.requiredText("name", "(the route of the live Gateway CR to fence and switch)");
    String target =
        r.requiredText(
            "targetStreamingDomain",
            "(the streaming domain of the live Gateway CR the route switches to)");
    TopicGroupReader.TopicGroup group =
        TopicGroupReader.beside(m, name, target, r.path("targetStreamingDomain"));
    Map<String, String> hints =
        hints(
            "spec.staticMigration does not have it (it is a policy of"
                + " spec.dynamicToStaticConversion); remove it");
    PolicyReader.Placement placement =
        new PolicyReader.Placement(
            m.section("policies", false), sync, "pause", GatewayVerification.KEYS, hints);
    return new Shape(group, placement, sync, "baseline");
  }

  /**
   * The baseline kcp restores offset sync to ({@code enabled}/{@code disabled}): checked, and
   * checked against the pause. This release records the value it observes before pausing and
   * restores that one (docs/manifest.md, "Offset-sync baseline"), which is the baseline whenever
   * the declaration is true.
   */
  static void checkBaseline(Shape shape, PolicyOverrides policies) {
    Section s = shape.baseline();
    String key = shape.baselineKey();
    String v = s.present(key) ? s.text(key) : null;
    if (v == null) {
      return;
    }
    if (!v.equals("enabled") && !v.equals("disabled")) {
      s.problems().add(s.path(key) + ": must be enabled or disabled, got \"" + v + "\"");
    } else if (v.equals("disabled") && Boolean.TRUE.equals(policies.pauseConsumerOffsetSync())) {
      s.problems()
          .add(
              s.path(key)
                  + ": disabled means the link had no offset sync before the migration, so there"
                  + " is none to pause: set "
                  + shape.policies().pause().path(shape.policies().pauseKey())
                  + " to false, or the baseline to enabled");
    }
  }

  private static Map<String, String> hints(String why) {
    Map<String, String> out = new HashMap<>();
    CONVERSION_POLICIES.forEach(p -> out.put(p, why));
    return out;
  }
}
