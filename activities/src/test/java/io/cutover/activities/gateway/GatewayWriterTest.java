package io.cutover.activities.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.GatewaySnapshot;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayWriterTest {
  private GatewayMock mock;

  @BeforeAll
  void start() {
    mock = new GatewayMock();
  }

  @AfterAll
  void stop() {
    mock.close();
  }

  private ObjectNode fenced(ObjectNode live) {
    GatewaySnapshot snap = GatewayCrs.snapshot(live);
    return GatewayCrs.fence(snap, List.of("migration-route"), FenceErrorCode.BROKER_NOT_AVAILABLE);
  }

  /** Mutates only metadata, as another controller would, which moves the resourceVersion. */
  private void concurrentLabelWrite(String ns, String value) {
    ObjectNode cr = GatewayResources.read(mock.client, ns, GatewayMock.GATEWAY);
    cr.withObjectProperty("metadata").withObjectProperty("labels").put("touched-by", value);
    GatewayResources.gateways(mock.client)
        .inNamespace(ns)
        .resource(GatewayResources.fromTree(cr))
        .update();
  }

  @Test
  void replaceSetsTheRouteArrayExactlyAndBumpsGeneration() {
    String ns = mock.newNamespace();
    ObjectNode live = mock.install(ns);
    long before = live.path("metadata").path("generation").asLong();

    GatewayWriter.WriteResult r =
        new GatewayWriter().write(mock.client, ns, GatewayMock.GATEWAY, fenced(live));

    assertTrue(r.changed());
    assertNotNull(r.writtenAt());
    assertEquals(before + 1, r.generation());
    ObjectNode after = GatewayResources.read(mock.client, ns, GatewayMock.GATEWAY);
    JsonNode routes = after.path("spec").path("routes");
    assertEquals(2, routes.size(), "routes replaced, not appended: " + routes);
    assertEquals("BROKER_NOT_AVAILABLE", routes.get(0).path("fence").path("errorCode").asText());
    assertFalse(routes.get(1).has("fence"));
    assertTrue(GatewayCrs.specEquals(after, fenced(live)));
  }

  @Test
  void writesNothingWhenLiveSpecAlreadyEqualsDesired() {
    String ns = mock.newNamespace();
    ObjectNode live = mock.install(ns);
    GatewayWriter writer = new GatewayWriter();
    GatewayWriter.WriteResult first =
        writer.write(mock.client, ns, GatewayMock.GATEWAY, fenced(live));

    GatewayWriter.WriteResult second =
        writer.write(mock.client, ns, GatewayMock.GATEWAY, fenced(live));

    assertFalse(second.changed());
    assertEquals(first.generation(), second.generation());
    assertEquals(
        first.resourceVersion(), second.resourceVersion(), "no write means no new resourceVersion");
  }

  @Test
  void retriesAfter409WhenAnotherWriterBumpsTheResourceVersion() {
    String ns = mock.newNamespace();
    ObjectNode live = mock.install(ns);
    AtomicInteger calls = new AtomicInteger();
    GatewayWriter writer =
        new GatewayWriter(
            5,
            Clock.systemUTC(),
            () -> {
              if (calls.incrementAndGet() == 1) {
                concurrentLabelWrite(ns, "rival");
              }
            });

    GatewayWriter.WriteResult r = writer.write(mock.client, ns, GatewayMock.GATEWAY, fenced(live));

    assertTrue(r.changed());
    assertEquals(1, r.conflicts());
    ObjectNode after = GatewayResources.read(mock.client, ns, GatewayMock.GATEWAY);
    assertEquals(
        "rival",
        after.path("metadata").path("labels").path("touched-by").asText(),
        "the rival's write survives: we re-read instead of overwriting it blindly");
    assertTrue(GatewayCrs.specEquals(after, fenced(live)));
  }

  @Test
  void givesUpAsTransientWhenConflictsPersist() {
    String ns = mock.newNamespace();
    ObjectNode live = mock.install(ns);
    AtomicInteger calls = new AtomicInteger();
    GatewayWriter writer =
        new GatewayWriter(
            2,
            Clock.systemUTC(),
            () -> concurrentLabelWrite(ns, "rival-" + calls.incrementAndGet()));

    GatewayException e =
        assertThrows(
            GatewayException.class,
            () -> writer.write(mock.client, ns, GatewayMock.GATEWAY, fenced(live)));

    assertEquals(FailureTypes.TRANSIENT, e.type());
    assertEquals(3, calls.get());
    assertTrue(e.getMessage().contains("3 attempts"), e.getMessage());
    assertFalse(
        GatewayResources.read(mock.client, ns, GatewayMock.GATEWAY)
            .path("spec")
            .path("routes")
            .get(0)
            .has("fence"));
  }

  @Test
  void missingGatewayIsNotFound() {
    String ns = mock.newNamespace();
    GatewayException e =
        assertThrows(
            GatewayException.class,
            () ->
                new GatewayWriter()
                    .write(mock.client, ns, GatewayMock.GATEWAY, GatewayMock.initialCr(ns)));
    assertEquals(FailureTypes.NOT_FOUND, e.type());
    assertTrue(e.getMessage().contains(ns + "/" + GatewayMock.GATEWAY), e.getMessage());
  }

  @Test
  void keepsStatusAndLiveLabelsWhileMergingDesiredLabels() {
    String ns = mock.newNamespace();
    ObjectNode live = mock.install(ns);
    ObjectNode desired = fenced(live);
    desired
        .withObjectProperty("metadata")
        .withObjectProperty("labels")
        .put("cutover/state", "fenced");

    new GatewayWriter().write(mock.client, ns, GatewayMock.GATEWAY, desired);

    ObjectNode after = GatewayResources.read(mock.client, ns, GatewayMock.GATEWAY);
    assertEquals("fenced", after.path("metadata").path("labels").path("cutover/state").asText());
    assertEquals(
        "cutover-test",
        after.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText());
    assertEquals(
        live.path("status").path("observedGeneration").asLong(),
        after.path("status").path("observedGeneration").asLong(),
        "status is the operator's, not ours");
  }

  @Test
  void forbiddenWriteIsUnauthorized() {
    String ns = mock.newNamespace();
    ObjectNode live = mock.install(ns);
    mock.server
        .expect()
        .put()
        .withPath(
            "/apis/platform.confluent.io/v1beta1/namespaces/"
                + ns
                + "/gateways/"
                + GatewayMock.GATEWAY)
        .andReturn(
            403,
            new StatusBuilder()
                .withCode(403)
                .withReason("Forbidden")
                .withMessage("gateways is forbidden: User \"ci\" cannot update resource")
                .build())
        .once();

    GatewayException e =
        assertThrows(
            GatewayException.class,
            () -> new GatewayWriter().write(mock.client, ns, GatewayMock.GATEWAY, fenced(live)));

    assertEquals(FailureTypes.UNAUTHORIZED, e.type());
    assertTrue(e.getMessage().contains("cannot update resource"), e.getMessage());
    assertFalse(e.retryable());
  }

  @Test
  void integersBeyondLongSurviveARoundTripThroughTheApiServer() {
    String ns = mock.newNamespace();
    ObjectNode live = mock.install(ns);
    String pointer = "/spec/streamingDomains/0/kafkaCluster/nodeIdRanges/0/end";
    assertEquals("18446744073709551615", live.at(pointer).bigIntegerValue().toString());

    new GatewayWriter().write(mock.client, ns, GatewayMock.GATEWAY, fenced(live));

    JsonNode end = GatewayResources.read(mock.client, ns, GatewayMock.GATEWAY).at(pointer);
    assertEquals("18446744073709551615", end.bigIntegerValue().toString());
  }
}
