package io.cutover.workflow.model;

import java.util.List;

/**
 * The Confluent Cloud (or Confluent Platform) cluster the link mirrors into.
 *
 * @param type {@code confluent-cloud} or {@code confluent-platform}
 * @param clusterId the destination cluster id ({@code lkc-...})
 * @param bootstrapServers Kafka bootstrap servers, used to read end offsets
 * @param restEndpoint REST v3 base URL, e.g. {@code
 *     https://pkc-x.us-east-1.aws.confluent.cloud:443}
 * @param kafkaCredentials Kafka client credentials on the worker
 * @param restCredentials REST API key credentials on the worker (may equal kafkaCredentials)
 */
public record DestinationCluster(
    String type,
    String clusterId,
    List<String> bootstrapServers,
    String restEndpoint,
    CredentialRef kafkaCredentials,
    CredentialRef restCredentials) {
  public DestinationCluster {
    bootstrapServers = List.copyOf(bootstrapServers);
  }
}
