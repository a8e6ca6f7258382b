package io.cutover.demo.bench;

import io.cutover.workflow.model.CredentialRef;
import io.cutover.workflow.model.DestinationCluster;
import io.cutover.workflow.model.GatewaySpec;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.Policies;
import io.cutover.workflow.model.SourceCluster;
import java.util.List;

/**
 * The plans the benchmarks start: an MSK source, a Confluent Cloud destination, references only.
 */
final class BenchPlans {
  private BenchPlans() {}

  /**
   * @param switchoverCr the switchover CR's text (its size is part of the plan's)
   * @param route the one fenced route
   */
  static MigrationPlan plan(
      String name, List<String> topics, Policies policies, String switchoverCr, String route) {
    return new MigrationPlan(
        name,
        new SourceCluster(
            "apache-kafka",
            List.of("b-1.msk.example.com:9096", "b-2.msk.example.com:9096"),
            CredentialRef.file("/etc/cutover/source.yaml")),
        new DestinationCluster(
            "confluent-cloud",
            "lkc-abc123",
            List.of("pkc-x.eu-west-1.aws.confluent.cloud:9092"),
            "https://pkc-x.eu-west-1.aws.confluent.cloud:443",
            CredentialRef.env("CUTOVER_DEST_CREDENTIALS"),
            CredentialRef.env("CUTOVER_DEST_CREDENTIALS")),
        "msk-to-cc",
        new GatewaySpec(
            "confluent",
            "migration-gateway",
            "",
            "",
            switchoverCr,
            "switchover.yaml",
            List.of(route),
            ""),
        topics,
        policies);
  }
}
