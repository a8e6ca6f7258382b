package io.cutover.workflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan-level check VALIDATE and the Update validators run: field paths, never values. */
class PlanSecrecyTest {
  static final String S = "Sent1nel-plan-51aa";

  static MigrationPlan plan(
      String rest, List<String> bootstrap, String kubeconfig, String switchoverCr) {
    return new MigrationPlan(
        "orders",
        new SourceCluster(
            "apache-kafka", bootstrap, CredentialRef.file("/etc/cutover/source.yaml")),
        new DestinationCluster(
            "confluent-cloud",
            "lkc-abc123",
            List.of("pkc-x:9092"),
            rest,
            CredentialRef.env("DEST"),
            CredentialRef.env("DEST")),
        "link",
        new GatewaySpec(
            "confluent", "gw", kubeconfig, "", switchoverCr, "/m/sw.yaml", List.of("r"), ""),
        List.of(),
        Policies.defaults());
  }

  static final String CLEAN_CR =
      "kind: Gateway\nspec:\n  routes:\n    - name: r\n      security:\n"
          + "        client: {tls: {secretRef: gw-tls}}\n";

  @Test
  void aCleanPlanHasNoProblem() {
    assertEquals(
        List.of(),
        PlanSecrecy.problems(plan("https://pkc-x:443", List.of("b:9092"), "/k/config", CLEAN_CR)));
  }

  @Test
  void everyFieldIsNamedAndNoValueIsQuoted() {
    String cr =
        "kind: Gateway\nspec:\n  podTemplate:\n    envVars:\n      - name: KAFKA_PASSWORD\n        value: "
            + S
            + "\n  secretStores:\n    - name: vault\n      provider:\n        config:\n          authToken: \""
            + S
            + "\"\n"
            + "  key: |\n    -----BEGIN PRIVATE KEY-----\n    "
            + S
            + "\n    -----END PRIVATE KEY-----\n"
            + "  hosts:\n    - app:"
            + S
            + "@b-1:9096\n";
    List<String> problems =
        PlanSecrecy.problems(
            plan(
                "https://k:" + S + "@pkc-x:443",
                List.of("b:9092", "SASL_SSL://u:" + S + "@b:9092"),
                "https://u:" + S + "@k8s/config",
                cr));
    String all = String.join("\n", problems);
    assertFalse(all.contains(S), all);
    assertTrue(all.contains("spec.target.kafka.restEndpoint: holds user info"), all);
    assertTrue(all.contains("spec.target.kafka.restCredentials"), "says where it belongs: " + all);
    assertTrue(all.contains("spec.source.bootstrapServers[1]: holds user info"), all);
    assertTrue(all.contains("spec.gateway.kubeconfig: holds user info"), all);
    assertTrue(all.contains("(line 6 of the Gateway CR)"), "the env var value: " + all);
    assertTrue(all.contains("(line 11 of the Gateway CR)"), "the inline authToken: " + all);
    assertTrue(all.contains("a PEM private key (line 13 of the Gateway CR)"), all);
    assertTrue(
        all.contains("holds user info (user:password@) in an address (line 17 of the Gateway CR)"),
        all);
    assertEquals(7, problems.size(), all);
  }

  @Test
  void requireNoneThrowsWithEveryProblemAndNoValue() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                PlanSecrecy.requireNone(
                    plan("https://k:" + S + "@pkc-x:443", List.of("b:9092"), "", CLEAN_CR)));
    assertTrue(e.getMessage().contains("spec.target.kafka.restEndpoint"), e.getMessage());
    assertFalse(e.getMessage().contains(S), e.getMessage());
    var who =
        assertThrows(
            IllegalArgumentException.class,
            () -> PlanSecrecy.requireNone("who", "a:" + S + "@h:1"));
    assertFalse(who.getMessage().contains(S));
    PlanSecrecy.requireNone("who", "alice@example.com");
  }
}
