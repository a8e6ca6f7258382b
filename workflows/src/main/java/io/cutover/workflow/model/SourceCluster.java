package io.cutover.workflow.model;

import java.util.List;

/**
 * The cluster being left.
 *
 * @param type {@code apache-kafka}, {@code msk} or {@code confluent-platform}
 * @param bootstrapServers host:port list
 * @param credentials where the worker finds the client credentials
 */
public record SourceCluster(String type, List<String> bootstrapServers, CredentialRef credentials) {
  public SourceCluster {
    bootstrapServers = List.copyOf(bootstrapServers);
  }
}
