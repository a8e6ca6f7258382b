package io.cutover.workflow.model;

import java.util.List;

/**
 * The workflow input: one migration group, as parsed from the manifest. Holds no secret: every
 * credential is a {@link CredentialRef}.
 *
 * @param name the migration name ({@code metadata.name}); the workflow id is {@code
 *     migration-<name>}
 * @param source the cluster being left
 * @param destination the cluster the link mirrors into
 * @param linkName the existing cluster link on the destination
 * @param gateway the gateway CR and the routes to fence
 * @param topics mirror topics to cut over, by name; with no {@code topicPatterns}, empty means
 *     every mirror topic on the link
 * @param policies the manifest's policies (execute may override them per attempt)
 * @param topicPatterns kcp's {@code topicPatterns} ({@link TopicPatterns}): the mirror topics whose
 *     names they fully match are cut over too; empty when the manifest has none (a plan recorded
 *     before they were read has none)
 */
public record MigrationPlan(
    String name,
    SourceCluster source,
    DestinationCluster destination,
    String linkName,
    GatewaySpec gateway,
    List<String> topics,
    Policies policies,
    List<String> topicPatterns) {

  public MigrationPlan {
    topics = topics == null ? List.of() : List.copyOf(topics);
    policies = policies == null ? Policies.defaults() : policies;
    topicPatterns = topicPatterns == null ? List.of() : List.copyOf(topicPatterns);
  }

  /** A plan that selects its topics by name only (or every mirror on the link). */
  public MigrationPlan(
      String name,
      SourceCluster source,
      DestinationCluster destination,
      String linkName,
      GatewaySpec gateway,
      List<String> topics,
      Policies policies) {
    this(name, source, destination, linkName, gateway, topics, policies, List.of());
  }

  /** Whether the scope is every mirror topic on the link (no names, no patterns). */
  public boolean everyMirror() {
    return topics.isEmpty() && topicPatterns.isEmpty();
  }

  /** Whether the topics are read from the link (every mirror, or those the patterns select). */
  public boolean selectsFromLink() {
    return !topicPatterns.isEmpty() || topics.isEmpty();
  }

  public static String workflowIdFor(String migrationName) {
    return "migration-" + migrationName;
  }

  public String workflowId() {
    return workflowIdFor(name);
  }

  public MigrationPlan withPolicies(Policies effective) {
    return new MigrationPlan(
        name, source, destination, linkName, gateway, topics, effective, topicPatterns);
  }

  public MigrationPlan withTopics(List<String> resolved) {
    return new MigrationPlan(
        name, source, destination, linkName, gateway, resolved, policies, topicPatterns);
  }

  /** One line for the Web UI: group, topics, source to destination. */
  public String summary() {
    String scope =
        everyMirror()
            ? "every mirror topic"
            : topicPatterns.isEmpty()
                ? topics.size() + " topic(s)"
                : "the mirror topics of " + (topics.size() + topicPatterns.size()) + " selector(s)";
    return "Cutover "
        + name
        + ": "
        + scope
        + " on link "
        + linkName
        + ", "
        + String.join(",", source.bootstrapServers())
        + " -> "
        + destination.clusterId()
        + " via gateway "
        + gateway.namespace()
        + "/"
        + gateway.name();
  }
}
