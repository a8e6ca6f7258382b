package io.cutover.manifest;

import io.cutover.workflow.model.DestinationCluster;
import io.cutover.workflow.model.GatewaySpec;
import io.cutover.workflow.model.PolicyOverrides;
import io.cutover.workflow.model.SourceCluster;
import java.nio.file.Path;
import java.util.List;

/**
 * A manifest that passed every check. Holds no secret: credentials are references.
 *
 * @param file the manifest's absolute path
 * @param apiVersion {@code kcp.confluent.io/v1alpha1} or {@code cutover.io/v1alpha1}
 * @param interpolate whether {@code ${VAR}} expansion was on
 * @param name {@code metadata.name}
 * @param source the source cluster
 * @param destination the destination cluster (REST credentials derived when not given)
 * @param linkName {@code spec.clusterLink.name}
 * @param gateway the gateway, with the switchover CR's content
 * @param topics the listed topics, duplicates removed; empty when {@code spec.topics} is omitted
 * @param topicPatterns kcp's topicPatterns (not the match-all one, which leaves both lists empty)
 * @param policies what the manifest sets; null fields take the defaults
 * @param warnings things to say that do not stop the cutover (file permissions, kcp values read
 *     differently)
 */
public record ParsedManifest(
    Path file,
    String apiVersion,
    boolean interpolate,
    String name,
    SourceCluster source,
    DestinationCluster destination,
    String linkName,
    GatewaySpec gateway,
    List<String> topics,
    List<String> topicPatterns,
    PolicyOverrides policies,
    List<String> warnings) {

  public ParsedManifest {
    topics = List.copyOf(topics);
    topicPatterns = List.copyOf(topicPatterns);
    warnings = List.copyOf(warnings);
  }
}
