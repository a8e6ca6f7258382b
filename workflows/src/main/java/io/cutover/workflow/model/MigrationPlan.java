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
 * @param topics mirror topics to cut over; empty means every mirror topic on the link
 * @param policies the manifest's policies (execute may override them per attempt)
 */
public record MigrationPlan(
    String name,
    SourceCluster source,
    DestinationCluster destination,
    String linkName,
    GatewaySpec gateway,
    List<String> topics,
    Policies policies) {

  public MigrationPlan {
    topics = topics == null ? List.of() : List.copyOf(topics);
    policies = policies == null ? Policies.defaults() : policies;
  }

  public static String workflowIdFor(String migrationName) {
    return "migration-" + migrationName;
  }

  public String workflowId() {
    return workflowIdFor(name);
  }

  public MigrationPlan withPolicies(Policies effective) {
    return new MigrationPlan(name, source, destination, linkName, gateway, topics, effective);
  }

  public MigrationPlan withTopics(List<String> resolved) {
    return new MigrationPlan(name, source, destination, linkName, gateway, resolved, policies);
  }

  /** One line for the Web UI: group, topics, source to destination. */
  public String summary() {
    String scope = topics.isEmpty() ? "every mirror topic" : topics.size() + " topic(s)";
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
