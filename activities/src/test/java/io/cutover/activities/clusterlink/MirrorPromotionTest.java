package io.cutover.activities.clusterlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.activity.ClusterLinkActivities.MirrorStates;
import io.cutover.workflow.activity.ClusterLinkActivities.PromoteResult;
import io.cutover.workflow.activity.ClusterLinkActivities.TopicPromotion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Promote reads live states first; the wait polls until STOPPED. */
class MirrorPromotionTest {
  private MockWebServer server;
  private FakeLinkServer fake;
  private final List<Object> beats = new ArrayList<>();
  private int sleeps;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    fake = FakeLinkServer.start(server);
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private MirrorPromotion promotion() {
    return new MirrorPromotion(
        TestLinks.client(server), beats::add, d -> sleeps++, Duration.ofMillis(1));
  }

  @Test
  void promoteSkipsTopicsAlreadyPendingStoppedOrStopped() {
    fake.mirrors.put("audit", "STOPPED");
    fake.mirrors.put("orders", "ACTIVE");
    fake.mirrors.put("payments", "PENDING_STOPPED");

    PromoteResult result = promotion().promote(List.of("audit", "orders", "payments"));

    assertEquals(List.of("{\"mirror_topic_names\":[\"orders\"]}"), fake.promoteBodies);
    assertEquals(new PromoteResult(3, List.of()), result);
  }

  @Test
  void promoteHeartbeatsBeforeEachRestCallSoADeadWorkerIsNoticedQuickly() {
    fake.mirrors.put("orders", "ACTIVE");

    promotion().promote(List.of("orders"));

    assertEquals(
        List.of("promote: reading 1 mirror state(s)", "promote: sending 1 topic(s)"), beats);
  }

  @Test
  void promoteOfOnlyPromotedTopicsSendsNoRequest() {
    fake.mirrors.put("orders", "STOPPED");

    PromoteResult result = promotion().promote(List.of("orders", "orders"));

    assertTrue(fake.promoteBodies.isEmpty());
    assertEquals(new PromoteResult(1, List.of()), result);
  }

  @Test
  void promoteReturnsPerTopicRejectionsFromA200() {
    fake.mirrors.put("orders", "ACTIVE");
    fake.mirrors.put("payments", "ACTIVE");
    fake.failNext(
        new MockResponse()
            .setHeader("Content-Type", "application/json")
            .setBody(
                "{\"data\":[{\"mirror_topic_name\":\"orders\",\"mirror_status\":\"ACTIVE\"},{\"mirror_topic_name\":\"payments\",\"mirror_status\":\"ACTIVE\"}]}"));
    fake.failNext(
        new MockResponse()
            .setHeader("Content-Type", "application/json")
            .setBody(
                "{\"data\":[{\"mirror_topic_name\":\"orders\",\"error_code\":null},"
                    + "{\"mirror_topic_name\":\"payments\",\"error_code\":400,\"error_message\":\"Mirror topic lag is not zero\"}]}"));

    PromoteResult result = promotion().promote(List.of("orders", "payments"));

    assertEquals(1, result.accepted());
    assertEquals(
        List.of(new TopicPromotion("payments", false, 400, "Mirror topic lag is not zero")),
        result.rejected());
  }

  @Test
  void aRejectedTopicThatAlreadyReadsPromotedCountsAsAccepted() {
    fake.mirrors.put("orders", "ACTIVE");
    // An earlier promote whose answer was lost: the server already moved it on.
    fake.failNext(
        new MockResponse()
            .setHeader("Content-Type", "application/json")
            .setBody(
                "{\"data\":[{\"mirror_topic_name\":\"orders\",\"mirror_status\":\"ACTIVE\"}]}"));
    fake.failNext(
        new MockResponse()
            .setHeader("Content-Type", "application/json")
            .setBody(
                "{\"data\":[{\"mirror_topic_name\":\"orders\",\"error_code\":400,\"error_message\":\"already stopped\"}]}"));
    fake.mirrors.put("orders", "STOPPED");

    PromoteResult result = promotion().promote(List.of("orders"));

    assertEquals(new PromoteResult(1, List.of()), result);
  }

  @Test
  void promoteOfATopicThatIsNotAMirrorIsNotFoundBeforeAnythingIsPromoted() {
    fake.mirrors.put("orders", "ACTIVE");

    ClusterLinkException e =
        assertThrows(
            ClusterLinkException.class, () -> promotion().promote(List.of("orders", "ghost")));

    assertEquals(ClusterLinkException.Kind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains("mirror topic \"ghost\""), e.getMessage());
    assertTrue(fake.promoteBodies.isEmpty());
    assertEquals("ACTIVE", fake.mirrors.get("orders"));
  }

  @Test
  void awaitStoppedWaitsThroughPendingStopped() {
    fake.readsUntilStopped = 2;
    fake.mirrors.put("orders", "ACTIVE");
    fake.mirrors.put("payments", "STOPPED");
    promotion().promote(List.of("orders"));
    beats.clear();

    MirrorStates states = promotion().awaitStopped(List.of("orders", "payments"));

    assertEquals(new MirrorStates(2, 0, 0, 2, List.of()), states);
    assertEquals(2, sleeps, "two polls saw PENDING_STOPPED");
    assertEquals(new MirrorStates(2, 0, 1, 1, List.of("orders=PENDING_STOPPED")), beats.get(0));
    assertEquals(states, beats.get(beats.size() - 1));
  }

  @Test
  void awaitStoppedPollsFastAtFirstThenEveryHalfSecondWhateverTheInterval() {
    fake.readsUntilStopped = 6;
    fake.mirrors.put("orders", "ACTIVE");
    promotion().promote(List.of("orders"));
    List<Duration> waits = new ArrayList<>();
    new MirrorPromotion(TestLinks.client(server), beats::add, waits::add, Duration.ofSeconds(5))
        .awaitStopped(List.of("orders"));
    assertEquals(
        List.of(
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(500),
            Duration.ofMillis(500),
            Duration.ofMillis(500),
            Duration.ofMillis(500)),
        waits);
  }

  @Test
  void awaitStoppedFailsWithoutRetryOnAFailedMirror() {
    fake.mirrors.put("orders", "PENDING_STOPPED");
    fake.mirrors.put("payments", "FAILED");

    ClusterLinkException e =
        assertThrows(
            ClusterLinkException.class,
            () -> promotion().awaitStopped(List.of("orders", "payments")));

    assertEquals(ClusterLinkException.Kind.STATE_DRIFT, e.kind());
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("payments"), e.getMessage());
    assertFalse(e.getMessage().contains("orders"), e.getMessage());
  }

  @Test
  void awaitStoppedPollsThroughTransientErrors() {
    fake.mirrors.put("orders", "STOPPED");
    fake.failNext(FakeLinkServer.error(503, 50003, "retriable"));
    fake.failNext(
        new MockResponse()
            .setResponseCode(429)
            .setHeader("Content-Type", "text/html")
            .setBody("<html>429</html>"));

    MirrorStates states = promotion().awaitStopped(List.of("orders"));

    assertTrue(states.allStopped(), states.describe());
    assertEquals(2, sleeps);
  }

  @Test
  void awaitStoppedGivesUpAfterRepeatedTransientErrors() {
    fake.mirrors.put("orders", "PENDING_STOPPED");
    for (int i = 0; i < MirrorPromotion.MAX_CONSECUTIVE_POLL_FAILURES; i++) {
      fake.failNext(FakeLinkServer.error(500, 500, "down"));
    }

    ClusterLinkException e =
        assertThrows(ClusterLinkException.class, () -> promotion().awaitStopped(List.of("orders")));

    assertTrue(e.retryable());
    assertEquals(500, e.httpStatus());
  }

  @Test
  void awaitStoppedStopsAtOnceOnUnauthorized() {
    fake.failNext(FakeLinkServer.error(401, 40101, "auth"));

    ClusterLinkException e =
        assertThrows(ClusterLinkException.class, () -> promotion().awaitStopped(List.of("orders")));

    assertEquals(ClusterLinkException.Kind.UNAUTHORIZED, e.kind());
    assertEquals(0, sleeps);
  }

  @Test
  void awaitStoppedReadsATopicMissingFromTheListOnItsOwn() {
    fake.mirrors.put("orders", "STOPPED");
    fake.failNext(
        new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"data\":[]}"));

    MirrorStates states = promotion().awaitStopped(List.of("orders"));

    assertTrue(states.allStopped(), states.describe());
    assertTrue(
        fake.requests.contains("GET /kafka/v3/clusters/lkc-x1/links/msk-to-cc/mirrors/orders"),
        fake.requests.toString());
  }

  @Test
  void describeCountsStatesAndSamplesOnlyTopicsThatAreNotActiveWithoutWriting() {
    fake.mirrors.put("audit", "STOPPED");
    fake.mirrors.put("orders", "ACTIVE");
    fake.mirrors.put("payments", "PENDING_STOPPED");
    fake.mirrors.put("refunds", "FAILED");

    MirrorStates states = promotion().describe(List.of("audit", "orders", "payments", "refunds"));

    assertEquals(
        new MirrorStates(4, 1, 1, 1, List.of("payments=PENDING_STOPPED", "refunds=FAILED")),
        states);
    assertTrue(states.anyPromoted());
    assertEquals(1, states.other());
    assertTrue(fake.promoteBodies.isEmpty());
  }

  @Test
  void theSampleIsCappedWhateverTheBatchSizeAndNamesOnlyUnsettledTopics() {
    List<String> topics = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      topics.add("t" + i);
      fake.mirrors.put("t" + i, i % 2 == 0 ? "STOPPED" : "PENDING_STOPPED");
    }

    MirrorStates states = promotion().describe(topics);

    assertEquals(50, states.stopped());
    assertEquals(50, states.pendingStopped());
    assertEquals(MirrorStates.MAX_SAMPLE, states.sample().size());
    assertTrue(
        states.sample().stream().allMatch(s -> s.endsWith("=PENDING_STOPPED")),
        states.sample().toString());
  }
}
