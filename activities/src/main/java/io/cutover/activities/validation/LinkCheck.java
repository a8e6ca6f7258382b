package io.cutover.activities.validation;

import io.cutover.activities.clusterlink.ClusterLinkClient;
import io.cutover.activities.clusterlink.ClusterLinkException;
import io.cutover.activities.clusterlink.LinkDescription;
import io.cutover.activities.clusterlink.MirrorTopic;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.TopicPatterns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The cluster-link part of VALIDATE: the link is ACTIVE, every topic in scope is an ACTIVE mirror
 * of the same-named source topic, and the offset-sync precondition holds. Collects problems; throws
 * only what a retry can fix (429, 5xx, timeouts).
 */
final class LinkCheck {
  static final String SYNC_ENABLE = "consumer.offset.sync.enable";
  static final String OFFSET_PREFIX = "consumer.offset.";

  /**
   * @param checked whether the link's mirrors were read (then {@code topics} is the selected scope)
   */
  record Result(
      List<String> topics, Map<String, String> offsetSyncConfigs, String summary, boolean checked) {
    /** The link could not be checked: the plan's listed topics stand in for the scope. */
    static Result unchecked(MigrationPlan plan) {
      return new Result(plan.topics(), Map.of(), "cluster link not checked", false);
    }
  }

  private LinkCheck() {}

  static Result check(
      ClusterLinkClient client, MigrationPlan plan, List<String> problems, List<String> warnings) {
    String link = plan.linkName();
    try {
      LinkDescription d = client.describeLink(true);
      if (!d.activeOrUnreported()) {
        problems.add(
            "cluster link \""
                + link
                + "\" is "
                + d.linkState()
                + " ("
                + d.linkError()
                + (d.linkErrorMessage().isEmpty() ? "" : ": " + d.linkErrorMessage())
                + "); repair the link before cutting over");
      }
      d.tasks().stream()
          .filter(t -> "IN_ERROR".equals(t.state()))
          .forEach(
              t ->
                  warnings.add(
                      "cluster link \""
                          + link
                          + "\" task "
                          + t.taskName()
                          + " is IN_ERROR: "
                          + String.join("; ", t.errors())));
      List<String> topics = checkMirrors(client.listMirrors(), plan, problems);
      Map<String, String> configs = offsetSyncConfigs(client.listConfigs());
      if (plan.policies().pauseConsumerOffsetSync()) {
        String enable = configs.get(SYNC_ENABLE);
        if (enable == null) {
          problems.add(
              "pauseConsumerOffsetSync: cluster link \""
                  + link
                  + "\" has no "
                  + SYNC_ENABLE
                  + " config (expected \"true\"); enable consumer offset sync on the link or turn the policy off");
        } else if (!"true".equals(enable)) {
          problems.add(
              "pauseConsumerOffsetSync: cluster link \""
                  + link
                  + "\" has "
                  + SYNC_ENABLE
                  + "=\""
                  + enable
                  + "\" (expected \"true\"); there is no offset sync to pause: enable it on the link or turn the policy off");
        }
      }
      return new Result(
          topics, configs, topics.size() + " ACTIVE mirror topic(s) on link " + link, true);
    } catch (ClusterLinkException e) {
      if (e.kind() == ClusterLinkException.Kind.TRANSIENT) {
        throw e;
      }
      problems.add(e.getMessage());
      return Result.unchecked(plan);
    }
  }

  private static List<String> checkMirrors(
      List<MirrorTopic> mirrors, MigrationPlan plan, List<String> problems) {
    Map<String, MirrorTopic> byName = new TreeMap<>();
    mirrors.forEach(m -> byName.put(m.mirrorTopicName(), m));
    List<String> scope =
        plan.everyMirror()
            ? new ArrayList<>(byName.keySet())
            : plan.topicPatterns().isEmpty()
                ? plan.topics()
                : selected(new ArrayList<>(byName.keySet()), plan, problems);
    if (byName.isEmpty()) {
      problems.add(
          "cluster link \""
              + plan.linkName()
              + "\" has no mirror topics: create the mirrors first,"
              + " or name the link that has them in spec.clusterLink.name");
    }
    List<String> missing = plan.topics().stream().filter(t -> !byName.containsKey(t)).toList();
    if (!missing.isEmpty()) {
      problems.add(
          "spec.topics: "
              + missing.size()
              + " topic(s) are not mirror topics on cluster link \""
              + plan.linkName()
              + "\": "
              + String.join(", ", missing));
    }
    String inactive =
        scope.stream()
            .filter(byName::containsKey)
            .map(byName::get)
            .filter(m -> !MirrorTopic.ACTIVE.equals(m.mirrorStatus()))
            .map(m -> m.mirrorTopicName() + " (status: " + m.mirrorStatus() + ")")
            .collect(Collectors.joining(", "));
    if (!inactive.isEmpty()) {
      problems.add(
          "mirror topics are not ACTIVE: " + inactive + "; only ACTIVE mirrors can be cut over");
    }
    Set<String> renamed =
        scope.stream()
            .filter(byName::containsKey)
            .map(byName::get)
            .filter(
                m ->
                    m.sourceTopicName() != null
                        && !m.sourceTopicName().isEmpty()
                        && !m.sourceTopicName().equals(m.mirrorTopicName()))
            .map(m -> m.mirrorTopicName() + " <- " + m.sourceTopicName())
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    if (!renamed.isEmpty()) {
      problems.add(
          "mirror topics with a name different from their source topic (cluster.link.prefix) are not"
              + " supported, because lag is measured by name on both clusters: "
              + String.join(", ", renamed));
    }
    return List.copyOf(scope);
  }

  /**
   * The mirrors (sorted by name) that the plan's names and patterns select; a pattern that selects
   * none is a problem, since a typo would otherwise shrink the group without a word.
   */
  private static List<String> selected(
      List<String> mirrorNames, MigrationPlan plan, List<String> problems) {
    for (String p : plan.topicPatterns()) {
      if (!mirrorNames.isEmpty() && !TopicPatterns.matchesAny(p, mirrorNames)) {
        problems.add(
            "topicPatterns: \""
                + p
                + "\" matches no mirror topic on cluster link \""
                + plan.linkName()
                + "\" (a pattern must match a whole topic name, e.g. orders\\..* for orders.eu);"
                + " fix the pattern, or create the mirrors it is meant for");
      }
    }
    List<String> scope = TopicPatterns.select(mirrorNames, plan.topics(), plan.topicPatterns());
    plan.topics().stream().filter(t -> !scope.contains(t)).forEach(scope::add);
    return scope;
  }

  /** Only the consumer.offset.* keys are kept: the snapshot travels in workflow history. */
  static Map<String, String> offsetSyncConfigs(Map<String, String> all) {
    Map<String, String> out = new TreeMap<>();
    all.forEach(
        (k, v) -> {
          if (k.startsWith(OFFSET_PREFIX) && v != null) {
            out.put(k, v);
          }
        });
    return out;
  }
}
