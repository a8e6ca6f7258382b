package io.cutover.activities.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The live Gateway CR is snapshotted into history at VALIDATE and re-applied by unfence, so it
 * cannot be redacted: a CR that writes a secret value instead of a Secret reference is refused, and
 * no snapshot is taken.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewaySnapshotSecrecyTest {
  static final String SENTINEL = "LiveCr-Sentinel-7b3e";
  private GatewayMock mock;

  @BeforeAll
  void start() {
    mock = new GatewayMock();
    mock.server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
        .andReply(
            201,
            req -> {
              String body = req.getUtf8Body();
              return body.substring(0, body.length() - 1) + ",\"status\":{\"allowed\":true}}";
            })
        .always();
  }

  @AfterAll
  void stop() {
    mock.close();
  }

  private GatewayValidation validate(String ns) {
    String switchover =
        GatewayMock.resource("gateway-switchover.yaml")
            .replace("namespace: confluent", "namespace: " + ns);
    return GatewayCrValidator.validate(
        mock.client, ns, GatewayMock.GATEWAY, switchover, List.of("migration-route"));
  }

  @Test
  void aLiveCrWithAnInlineSecretIsRefusedByPathAndNotSnapshotted() {
    String ns = mock.newNamespace();
    ObjectNode cr = GatewayMock.initialCr(ns);
    ((ObjectNode) cr.get("spec"))
        .putObject("podTemplate")
        .putArray("envVars")
        .addObject()
        .put("name", "GATEWAY_SASL_PASSWORD")
        .put("value", SENTINEL);
    ((ObjectNode) cr.get("spec").path("routes").get(0))
        .putObject("cluster")
        .put(
            "jaasConfig",
            "org.apache.kafka.common.security.plain.PlainLoginModule required password=\""
                + SENTINEL
                + "\";");
    mock.install(ns, cr, 1);
    mock.createSecrets(
        ns, List.of("file-store-config", "file-store-credentials", "plain-jaas", "tls"));

    GatewayValidation v = validate(ns);

    String all = String.join("\n", v.problems()) + String.join("\n", v.warnings()) + v.summary();
    assertNull(v.snapshot(), "nothing of this CR is carried into history");
    assertFalse(all.contains(SENTINEL), all);
    assertTrue(
        all.contains(
            "gateway CR "
                + ns
                + "/"
                + GatewayMock.GATEWAY
                + ": spec.podTemplate.envVars[0].value: holds"
                + " a literal value for the secret environment variable"),
        all);
    assertTrue(
        all.contains("spec.routes[0].cluster.jaasConfig: holds an inline JAAS configuration"), all);
    assertTrue(all.contains("Kubernetes Secret"), "says how to reference it instead: " + all);
  }

  @Test
  void aLiveCrThatOnlyReferencesSecretsIsSnapshotted() {
    String ns = mock.newNamespace();
    mock.install(ns);
    mock.createSecrets(
        ns, List.of("file-store-config", "file-store-credentials", "plain-jaas", "tls"));
    GatewayValidation v = validate(ns);
    assertNotNull(v.snapshot(), String.join("\n", v.problems()));
  }
}
