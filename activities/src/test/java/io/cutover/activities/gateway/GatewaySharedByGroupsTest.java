package io.cutover.activities.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.workflow.activity.GatewayActivities.FenceCheck;
import io.cutover.workflow.activity.GatewayActivities.FenceRequest;
import io.cutover.workflow.activity.GatewayActivities.GatewayChange;
import io.cutover.workflow.activity.GatewayActivities.SwitchRequest;
import io.cutover.workflow.activity.GatewayActivities.UnfenceRequest;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.GatewaySnapshot;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two groups on one Gateway CR, one route each, both snapshotted at their VALIDATE before either
 * fenced (as a wave's init does): each group's fence, unfence and switch change its own route and
 * leave the other's as it is live. Writing a whole snapshot back would unfence the other group in
 * its fenced window, or send its clients back to the source after its point of no return.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewaySharedByGroupsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final List<String> ORDERS = List.of("migration-route");
  private static final List<String> PAYMENTS = List.of("payments-route");
  private final GatewayOperations ops =
      new GatewayOperations(GatewayOperationsTest.FAST, Clock.systemUTC());
  private GatewayMock mock;

  @BeforeAll
  void start() {
    mock = new GatewayMock();
  }

  @AfterAll
  void stop() {
    mock.close();
  }

  /** The mock's initial CR with a second source route, {@code payments-route}, on its own port. */
  private String installTwoRoutes() {
    return installTwoRoutes(false);
  }

  private String installTwoRoutes(boolean hotReload) {
    String ns = mock.newNamespace();
    ObjectNode cr = GatewayMock.initialCr(ns);
    if (hotReload) {
      ((ObjectNode) cr.get("spec")).putObject("hotReload").put("enabled", true);
    }
    ArrayNode routes = (ArrayNode) cr.path("spec").path("routes");
    ObjectNode payments = GatewayCrs.route(cr, "migration-route").deepCopy();
    payments.put("name", "payments-route").put("endpoint", "payments.localhost:9192");
    routes.add(payments);
    mock.install(ns, cr, 2);
    return ns;
  }

  private static Targets.Gateway target(String ns) {
    return new Targets.Gateway(ns, GatewayMock.GATEWAY, "", "");
  }

  private static FenceRequest fence(String ns, GatewaySnapshot snap, List<String> routes) {
    return new FenceRequest(
        target(ns), snap, routes, FenceErrorCode.NOT_LEADER_OR_FOLLOWER, TIMEOUT);
  }

  private void fenceGroup(String ns, GatewaySnapshot snap, List<String> routes) {
    ops.fence(mock.client, fence(ns, snap, routes), null, GatewayHeartbeat.NONE);
  }

  private void unfenceGroup(String ns, GatewaySnapshot snap, List<String> routes) {
    ops.unfence(
        mock.client,
        new UnfenceRequest(target(ns), snap, TIMEOUT, routes),
        null,
        GatewayHeartbeat.NONE);
  }

  private ObjectNode live(String ns) {
    return GatewayResources.read(mock.client, ns, GatewayMock.GATEWAY);
  }

  private boolean fenced(String ns, String route) {
    return GatewayCrs.isFenced(GatewayCrs.route(live(ns), route));
  }

  private String domain(String ns, String route) {
    return GatewayCrs.route(live(ns), route).path("streamingDomain").path("name").asText();
  }

  private FakeGatewayOperator operator(String ns) {
    return new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY).start(Duration.ZERO, null);
  }

  @Test
  void aGroupsFenceAndUnfenceLeaveTheOtherGroupsFenceInPlace() {
    String ns = installTwoRoutes();
    GatewaySnapshot orders = GatewayCrs.snapshot(live(ns));
    GatewaySnapshot payments = GatewayCrs.snapshot(live(ns));
    try (FakeGatewayOperator op = operator(ns)) {
      fenceGroup(ns, orders, ORDERS);
      fenceGroup(ns, payments, PAYMENTS);
      assertTrue(fenced(ns, "migration-route"), "the first group's fence survives the second's");
      assertTrue(fenced(ns, "payments-route"));

      FenceCheck check =
          ops.assertFenced(mock.client, fence(ns, orders, ORDERS), null, GatewayHeartbeat.NONE);
      assertTrue(check.wasLive(), "the other group's fence is no drift: " + check.detail());

      unfenceGroup(ns, orders, ORDERS);
    }
    assertFalse(fenced(ns, "migration-route"));
    assertTrue(fenced(ns, "payments-route"), "unfencing one group leaves the other fenced");
  }

  @Test
  void aSwitchedGroupStaysOnTheDestinationWhenAnotherGroupFencesAndRollsBack() {
    String ns = installTwoRoutes();
    GatewaySnapshot orders = GatewayCrs.snapshot(live(ns));
    GatewaySnapshot payments = GatewayCrs.snapshot(live(ns));
    try (FakeGatewayOperator op = operator(ns)) {
      fenceGroup(ns, orders, ORDERS);
      ops.switchTo(
          mock.client,
          new SwitchRequest(
              target(ns),
              "",
              TIMEOUT,
              orders,
              ORDERS,
              "confluent-cloud",
              fence(ns, orders, ORDERS)),
          null,
          GatewayHeartbeat.NONE);

      fenceGroup(ns, payments, PAYMENTS);
      assertEquals("confluent-cloud", domain(ns, "migration-route"), "switched, not reverted");
      unfenceGroup(ns, payments, PAYMENTS);
    }
    assertEquals("confluent-cloud", domain(ns, "migration-route"));
    assertFalse(fenced(ns, "migration-route"));
    assertEquals("source", domain(ns, "payments-route"));
    assertFalse(fenced(ns, "payments-route"));
  }

  @Test
  void aSwitchoverFileSetsItsGroupsRouteAndLeavesTheOtherGroupsRouteAsItIsLive() {
    String ns = installTwoRoutes();
    GatewaySnapshot orders = GatewayCrs.snapshot(live(ns));
    GatewaySnapshot payments = GatewayCrs.snapshot(live(ns));
    // The file was written from the initial CR: payments-route in it is unfenced, on the source.
    String file =
        GatewayResources.toJson(
            GatewaySwitch.flip(GatewayCrs.clean(live(ns)), ORDERS, "confluent-cloud"));
    try (FakeGatewayOperator op = operator(ns)) {
      fenceGroup(ns, orders, ORDERS);
      fenceGroup(ns, payments, PAYMENTS);
      GatewayChange change =
          ops.switchTo(
              mock.client,
              new SwitchRequest(target(ns), file, TIMEOUT, null, ORDERS, ""),
              null,
              GatewayHeartbeat.NONE);
      assertTrue(change.changed());
    }
    assertEquals("confluent-cloud", domain(ns, "migration-route"));
    assertFalse(fenced(ns, "migration-route"));
    assertTrue(fenced(ns, "payments-route"), "the other group stays fenced");
  }

  @Test
  void onAHotReloadGatewayAFenceIsConfirmedByTheLaterConfigIdOfAnotherGroupsWrite()
      throws Exception {
    String ns = installTwoRoutes(true);
    GatewaySnapshot orders = GatewayCrs.snapshot(live(ns));
    GatewaySnapshot payments = GatewayCrs.snapshot(live(ns));
    FakeGatewayOperator op = new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY);
    // Right after this group's fence is written, the other group writes its own (stamped with its
    // own id), and the pods reload straight to that one: they never serve this write's id.
    Thread other =
        new Thread(
            () -> {
              try {
                while (GatewayWriter.generation(live(ns)) < 2) {
                  Thread.sleep(20);
                }
                new GatewayWriter()
                    .write(
                        mock.client,
                        ns,
                        GatewayMock.GATEWAY,
                        current -> {
                          ObjectNode t =
                              GatewayEdit.routesOf(
                                      GatewayCrs.fence(
                                          payments,
                                          PAYMENTS,
                                          FenceErrorCode.NOT_LEADER_OR_FOLLOWER),
                                      PAYMENTS)
                                  .desired(current);
                          PodConfigs.stamp(t);
                          return t;
                        });
                op.acceptLatest();
                String id = live(ns).path("spec").path("configId").asText();
                for (Pod p : mock.client.pods().inNamespace(ns).list().getItems()) {
                  mock.dryRuns().served.put(ns + "/" + p.getMetadata().getName(), id);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    other.start();
    GatewayChange change =
        ops.fence(
            mock.client,
            new FenceRequest(
                new Targets.Gateway(ns, GatewayMock.GATEWAY, "", "", 9180, Duration.ofSeconds(5)),
                orders,
                ORDERS,
                FenceErrorCode.NOT_LEADER_OR_FOLLOWER,
                TIMEOUT),
            null,
            GatewayHeartbeat.NONE);
    other.join();

    assertTrue(change.changed(), change.detail());
    assertEquals(3, GatewayWriter.generation(live(ns)), "the other group wrote after this one");
    assertTrue(fenced(ns, "migration-route"));
    assertTrue(fenced(ns, "payments-route"));
  }

  @Test
  void validateRefusesAnotherGroupsSwitchoverFileAndOneThatDropsADomainAKeptRouteUses() {
    String ns = installTwoRoutes();
    ObjectNode live = live(ns);
    String ordersFile =
        GatewayResources.toJson(
            GatewaySwitch.flip(GatewayCrs.clean(live), ORDERS, "confluent-cloud"));
    // payments' manifest names orders' file: it would switch nothing of payments.
    List<String> wrongFile =
        GatewayCrRules.check(live, ordersFile, null, PAYMENTS, ns, GatewayMock.GATEWAY).problems();
    assertEquals(1, wrongFile.size(), wrongFile.toString());
    assertTrue(
        wrongFile.get(0).contains("leaves route(s) payments-route going where they go live"),
        wrongFile.get(0));
    assertTrue(
        GatewayCrRules.check(live, ordersFile, null, ORDERS, ns, GatewayMock.GATEWAY)
            .problems()
            .isEmpty(),
        "orders' own file passes");

    // A file without the source domain, which payments-route (kept as it is live) is bound to.
    ObjectNode dropped = GatewayResources.parseJson(ordersFile);
    ArrayNode domains = (ArrayNode) dropped.path("spec").path("streamingDomains");
    for (int i = domains.size() - 1; i >= 0; i--) {
      if (domains.get(i).path("name").asText().equals("source")) {
        domains.remove(i);
      }
    }
    List<String> noDomain =
        GatewayCrRules.check(
                live, GatewayResources.toJson(dropped), null, ORDERS, ns, GatewayMock.GATEWAY)
            .problems();
    assertTrue(
        noDomain.stream()
            .anyMatch(
                p ->
                    p.startsWith(
                        "route payments-route, which this migration does not fence, is bound to"
                            + " streaming domain \"source\", which the switchover gateway CR does"
                            + " not declare")),
        noDomain.toString());
  }

  @Test
  void requestsRecordedWithoutRoutesWriteTheWholeSnapshotOrFileAsBefore() {
    String ns = installTwoRoutes();
    GatewaySnapshot orders = GatewayCrs.snapshot(live(ns));
    GatewaySnapshot payments = GatewayCrs.snapshot(live(ns));
    try (FakeGatewayOperator op = operator(ns)) {
      fenceGroup(ns, orders, ORDERS);
      fenceGroup(ns, payments, PAYMENTS);
      ops.unfence(
          mock.client,
          new UnfenceRequest(target(ns), orders, TIMEOUT, null),
          null,
          GatewayHeartbeat.NONE);
      assertFalse(fenced(ns, "payments-route"), "the whole snapshot, as such a request did");

      String file =
          GatewayResources.toJson(
              GatewaySwitch.flip(GatewayCrs.unfence(orders), ORDERS, "confluent-cloud"));
      fenceGroup(ns, payments, PAYMENTS);
      ops.switchTo(
          mock.client,
          new SwitchRequest(target(ns), file, TIMEOUT, null, List.of(), ""),
          null,
          GatewayHeartbeat.NONE);
    }
    assertEquals("confluent-cloud", domain(ns, "migration-route"));
    assertFalse(fenced(ns, "payments-route"), "the whole file, as such a request did");
  }

  @Test
  void aWriteRacedByAnotherGroupIsDerivedAgainAndKeepsTheOtherGroupsFence() {
    String ns = installTwoRoutes();
    GatewaySnapshot orders = GatewayCrs.snapshot(live(ns));
    GatewaySnapshot payments = GatewayCrs.snapshot(live(ns));
    try (FakeGatewayOperator op = operator(ns)) {
      fenceGroup(ns, orders, ORDERS);
      // The other group writes between this group's read and its replace: a 409, re-read, and
      // the re-derived CR keeps the other group's fence.
      GatewayWriter racing =
          new GatewayWriter(
              3,
              Clock.systemUTC(),
              new Runnable() {
                private boolean once;

                @Override
                public void run() {
                  if (!once) {
                    once = true;
                    new GatewayWriter()
                        .write(
                            mock.client,
                            ns,
                            GatewayMock.GATEWAY,
                            GatewayEdit.routesOf(
                                    GatewayCrs.fence(
                                        payments, PAYMENTS, FenceErrorCode.NOT_LEADER_OR_FOLLOWER),
                                    PAYMENTS)
                                ::desired);
                  }
                }
              });
      GatewayWriter.WriteResult write =
          racing.write(
              mock.client,
              ns,
              GatewayMock.GATEWAY,
              GatewayEdit.routesOf(GatewayCrs.unfence(orders), ORDERS)::desired);
      assertEquals(1, write.conflicts(), "the race happened");
    }
    assertFalse(fenced(ns, "migration-route"));
    assertTrue(fenced(ns, "payments-route"), "the racing group's fence is kept");
  }
}
