package io.cutover.activities.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flat route-security form that today's Gateway CRD rejects, told apart from the keyed one. */
class GatewayCrFormsTest {

  /** The switchover fixture rewritten in the flat form of the older kcp switchover examples. */
  private static ObjectNode flat() {
    ObjectNode cr =
        GatewayOperations.parseSwitchover(GatewayMock.resource("gateway-switchover.yaml"));
    ObjectNode security = (ObjectNode) GatewayCrs.route(cr, "migration-route").get("security");
    ObjectNode keyed = (ObjectNode) security.at("/cluster/confluent-cloud");
    security.put("auth", "swap").put("secretStore", "file-store");
    security.putObject("cluster").set("authentication", keyed.get("authentication"));
    return cr;
  }

  @Test
  void theKeyedFormOfTheFixturesPasses() {
    assertEquals(List.of(), GatewayCrForms.flatFields(GatewayCrsTest.liveCr()));
    assertEquals(
        List.of(),
        GatewayCrForms.flatFields(
            GatewayOperations.parseSwitchover(GatewayMock.resource("gateway-switchover.yaml"))));
  }

  @Test
  void theFlatFormIsOneProblemNamingEveryFlatFieldAndTheKeyedForm() {
    assertEquals(
        List.of(
            "spec.routes[0].security.auth",
            "spec.routes[0].security.secretStore",
            "spec.routes[0].security.cluster.authentication"),
        GatewayCrForms.flatFields(flat()));
    List<String> problems = new ArrayList<>();
    GatewayCrForms.check("switchover", flat(), problems);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems
            .get(0)
            .startsWith(
                "the switchover gateway CR writes route security in the flat form"
                    + " (spec.routes[0].security.auth, "),
        problems.get(0));
    assertTrue(problems.get(0).contains("rejects as unknown fields"), problems.get(0));
    assertTrue(
        problems.get(0).contains("key security.cluster by streaming-domain name"), problems.get(0));
  }

  @Test
  void aStreamingDomainNamedLikeAFlatKeyIsKeyedNotFlat() {
    ObjectNode cr = GatewayCrsTest.liveCr();
    ((ObjectNode) cr.at("/spec/streamingDomains/1")).put("name", "authentication");
    ObjectNode cluster =
        (ObjectNode) GatewayCrs.route(cr, "migration-route").at("/security/cluster");
    cluster.set("authentication", cluster.remove("confluent-cloud"));
    assertEquals(List.of(), GatewayCrForms.flatFields(cr));
  }
}
