package io.cutover.activities.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.activity.GatewayActivities.FenceRequest;
import io.cutover.workflow.activity.GatewayActivities.GatewayChange;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.GatewaySnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A hot-reload gateway applies a change in place: the change is stamped with a configId and is
 * confirmed only when every pod's /config (through pods/proxy) serves it; a pod that lags is waited
 * for, a pod that never picks it up fails the write naming it (docs/architecture.md, "Hot-reload
 * gateways").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HotReloadConfirmationTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final List<String> ROUTES = List.of("migration-route");
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

  private FenceRequest fence(String ns, GatewaySnapshot snap, Duration hotReloadTimeout) {
    return new FenceRequest(
        new Targets.Gateway(ns, GatewayMock.GATEWAY, "", "", 9180, hotReloadTimeout),
        snap,
        ROUTES,
        FenceErrorCode.NOT_LEADER_OR_FOLLOWER,
        TIMEOUT);
  }

  private GatewaySnapshot installHotReload(String ns) {
    ObjectNode cr = GatewayMock.initialCr(ns);
    ((ObjectNode) cr.get("spec")).putObject("hotReload").put("enabled", true);
    return GatewayCrs.snapshot(mock.install(ns, cr, 2));
  }

  private String liveConfigId(String ns) {
    return GatewayResources.read(mock.client, ns, GatewayMock.GATEWAY)
        .path("spec")
        .path("configId")
        .asText();
  }

  private List<String> pods(String ns) {
    return mock
        .client
        .pods()
        .inNamespace(ns)
        .withLabel("app", GatewayMock.GATEWAY)
        .list()
        .getItems()
        .stream()
        .map(p -> p.getMetadata().getName())
        .sorted()
        .toList();
  }

  /**
   * The operator accepts the generation; then the pods pick the change up one after the other, the
   * first (by name) serving what {@code first} says instead.
   */
  private Thread operatorThatReloads(String ns, UnaryOperator<String> first) {
    FakeGatewayOperator op = new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY);
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
                op.acceptLatest(); // reload in place: the pods stay
                String id = liveConfigId(ns);
                List<String> pods = pods(ns);
                for (int i = 0; i < pods.size(); i++) {
                  Thread.sleep(150);
                  mock.dryRuns().served.put(ns + "/" + pods.get(i), i == 0 ? first.apply(id) : id);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    t.start();
    return t;
  }

  @Test
  void theChangeIsStampedAndConfirmedOnlyOnceEveryPodServesItsConfigId() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = installHotReload(ns);
    List<String> before = GatewayRollout.podUids(mock.client, ns, GatewayMock.GATEWAY);
    operatorThatReloads(ns, id -> id);

    GatewayChange change =
        ops.fence(mock.client, fence(ns, snap, Duration.ofSeconds(5)), null, GatewayHeartbeat.NONE);

    String id = liveConfigId(ns);
    assertTrue(PodConfigs.CONFIG_ID.matcher(id).matches(), id);
    assertTrue(id.startsWith("cutover-"), id);
    assertTrue(
        change.detail().contains("configId " + id + " served by all 2 pod(s)"), change.detail());
    assertEquals(0, change.podsReplaced());
    assertEquals(before, GatewayRollout.podUids(mock.client, ns, GatewayMock.GATEWAY));
    for (String pod : pods(ns)) {
      assertEquals(id, PodConfigs.served(mock.client, ns, pod, 9180), pod);
    }
  }

  @Test
  void aPodThatNeverServesTheNewConfigIdFailsTheWriteNamingThePod() throws Exception {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = installHotReload(ns);
    Thread op = operatorThatReloads(ns, id -> "an-older-config");

    GatewayException e =
        assertThrows(
            GatewayException.class,
            () ->
                ops.fence(
                    mock.client,
                    fence(ns, snap, Duration.ofSeconds(2)),
                    null,
                    GatewayHeartbeat.NONE));
    op.join();

    assertEquals(FailureTypes.ROLLOUT_TIMEOUT, e.type());
    String lagging = pods(ns).get(0);
    assertTrue(
        e.getMessage().contains("1 of 2 pod(s) do not serve configId cutover-"), e.getMessage());
    assertTrue(e.getMessage().contains(lagging + " serves an-older-config"), e.getMessage());
  }

  @Test
  void aPodAnswering503IsReadOncePerPollSoTheBudgetHoldsWithTheClientsDefaultRetries() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = installHotReload(ns);
    // No pod serves anything: each /config answers 503, which fabric8 retries for about 100 s
    // with its default back-off.
    try (var retrying = mock.server.createClient();
        FakeGatewayOperator op =
            new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY)
                .start(Duration.ofMillis(50), null)) {
      GatewayException e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () ->
                  assertThrows(
                      GatewayException.class,
                      () ->
                          ops.fence(
                              retrying,
                              fence(ns, snap, Duration.ofSeconds(2)),
                              null,
                              GatewayHeartbeat.NONE)));
      assertEquals(FailureTypes.ROLLOUT_TIMEOUT, e.type());
      assertTrue(e.getMessage().contains("serves <HTTP 503>"), e.getMessage());
    }
  }

  @Test
  void aRetryOfTheSameDesiredSpecStampsTheSameConfigIdWritesNothingAndConfirmsAgain() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = installHotReload(ns);
    operatorThatReloads(ns, id -> id);
    GatewayChange first =
        ops.fence(mock.client, fence(ns, snap, Duration.ofSeconds(5)), null, GatewayHeartbeat.NONE);
    String id = liveConfigId(ns);

    GatewayChange again =
        ops.fence(mock.client, fence(ns, snap, Duration.ofSeconds(5)), null, GatewayHeartbeat.NONE);

    assertTrue(first.changed(), first.detail());
    assertFalse(again.changed(), again.detail());
    assertTrue(
        again.detail().contains("configId " + id + " served by all 2 pod(s)"), again.detail());
  }
}
