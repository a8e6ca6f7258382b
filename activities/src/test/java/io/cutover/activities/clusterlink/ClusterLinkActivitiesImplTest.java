package io.cutover.activities.clusterlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.credentials.CredentialResolver;
import io.cutover.activities.credentials.KafkaCredentials;
import io.cutover.activities.credentials.RestCredentials;
import io.cutover.activities.support.Sleeper;
import io.cutover.workflow.activity.ClusterLinkActivities;
import io.cutover.workflow.activity.ClusterLinkActivities.MirrorStates;
import io.cutover.workflow.activity.ClusterLinkActivities.OffsetSyncState;
import io.cutover.workflow.activity.ClusterLinkActivities.PromoteResult;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.CredentialRef;
import io.cutover.workflow.model.TopicSet;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * The activities through Temporal's TestActivityEnvironment: heartbeats, retry details, failure
 * types.
 */
@Timeout(60)
class ClusterLinkActivitiesImplTest {
  private static final CredentialRef REF = CredentialRef.env("DEST_REST_CREDENTIALS");

  private MockWebServer server;
  private FakeLinkServer fake;
  private TestActivityEnvironment env;
  private ClusterLinkActivities activities;
  private Targets.Link link;
  private final List<CredentialRef> resolved = Collections.synchronizedList(new ArrayList<>());
  private volatile Sleeper sleeper = Sleeper.REAL;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    fake = FakeLinkServer.start(server);
    server.start();
    link =
        new Targets.Link(
            TestLinks.endpoint(server), FakeLinkServer.CLUSTER, FakeLinkServer.LINK, REF);
    CredentialResolver resolver =
        new CredentialResolver() {
          @Override
          public KafkaCredentials kafka(CredentialRef ref, String role) {
            throw new UnsupportedOperationException("not used here");
          }

          @Override
          public RestCredentials rest(CredentialRef ref) {
            resolved.add(ref);
            return TestLinks.CREDS;
          }
        };
    ClusterLinkOptions options =
        TestLinks.FAST
            .withPollInterval(Duration.ofMillis(20))
            .withHeartbeatInterval(Duration.ofMillis(50));
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new ClusterLinkActivitiesImpl(resolver, options, d -> sleeper.sleep(d)));
    activities =
        env.newActivityStub(
            ClusterLinkActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setHeartbeatTimeout(Duration.ofSeconds(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void stop() throws Exception {
    env.close();
    server.shutdown();
  }

  private static ApplicationFailure applicationFailure(Executable call) {
    ActivityFailure f = assertThrows(ActivityFailure.class, call);
    ApplicationFailure a = assertInstanceOf(ApplicationFailure.class, f.getCause());
    ClusterLinkErrorsTest.assertNoSecret(a.getOriginalMessage());
    return a;
  }

  @Test
  void disableRetryWhoseEarlierAttemptWroteFalseAcceptsIt() {
    fake.withSyncOn();
    fake.configs.put(OffsetSync.TOGGLE, "false");

    OffsetSyncState state =
        activities.disableOffsetSync(new ClusterLinkActivities.DisableRequest(link));

    assertEquals("false", state.configs().get(OffsetSync.TOGGLE));
    assertTrue(fake.writes.isEmpty(), "no second write");
    assertEquals(List.of(REF), resolved);
  }

  @Test
  void drainThatFindsSyncOffRefusesAsNonRetryableDriftWithoutWriting() {
    fake.withSyncOn();
    fake.configs.put(OffsetSync.TOGGLE, "false");

    ApplicationFailure a =
        applicationFailure(
            () ->
                activities.drainOffsetSync(
                    new ClusterLinkActivities.DrainRequest(link, Duration.ZERO)));

    assertEquals(FailureTypes.STATE_DRIFT, a.getType());
    assertTrue(a.isNonRetryable());
    assertTrue(
        a.getOriginalMessage().contains("pauseConsumerOffsetSync refused"), a.getOriginalMessage());
    assertTrue(fake.writes.isEmpty());
  }

  @Test
  void cancellingDuringTheDrainLeavesSyncOn() {
    fake.withSyncOn();
    AtomicBoolean cancelled = new AtomicBoolean();
    sleeper =
        d -> {
          if (cancelled.compareAndSet(false, true)) {
            env.requestCancelActivity();
          }
          Thread.sleep(d.toMillis());
        };

    // The drain heartbeats every 50 ms; the heartbeat after the cancel request throws.
    assertThrows(
        CanceledFailure.class,
        () ->
            activities.drainOffsetSync(
                new ClusterLinkActivities.DrainRequest(link, Duration.ofSeconds(20))));

    assertTrue(fake.writes.isEmpty());
    assertEquals("true", fake.configs.get(OffsetSync.TOGGLE));
  }

  @Test
  void restoreThroughTheActivityRewritesTheClearedFilters() {
    fake.withSyncOn();
    Map<String, String> snapshot = Map.copyOf(fake.configs);
    fake.configs.put(OffsetSync.TOGGLE, "false");
    fake.configs.put(OffsetSync.GROUP_FILTERS, "");

    OffsetSyncState state =
        activities.restoreOffsetSync(new ClusterLinkActivities.RestoreRequest(link, snapshot));

    assertEquals(
        List.of(
            OffsetSync.GROUP_FILTERS + "=" + FakeLinkServer.ALL_GROUPS,
            OffsetSync.TOGGLE + "=true"),
        fake.writes);
    assertEquals("true", state.configs().get(OffsetSync.TOGGLE));
  }

  @Test
  void promoteThenAwaitStoppedHeartbeatsPendingStoppedUntilStopped() {
    fake.readsUntilStopped = 3;
    fake.mirrors.put("orders", "ACTIVE");
    fake.mirrors.put("payments", "PENDING_STOPPED");
    List<MirrorStates> beats = Collections.synchronizedList(new ArrayList<>());
    env.setActivityHeartbeatListener(MirrorStates.class, beats::add);

    ClusterLinkActivities.PromoteResult promoted =
        activities.promoteMirrors(
            new ClusterLinkActivities.PromoteRequest(
                link, TopicSet.listed(List.of("orders", "payments")), null));
    MirrorStates states =
        activities.awaitMirrorsStopped(
            new ClusterLinkActivities.AwaitStoppedRequest(
                link, TopicSet.listed(List.of("orders", "payments")), null));

    assertEquals(2, promoted.accepted());
    assertTrue(promoted.rejected().isEmpty());
    assertEquals(List.of("{\"mirror_topic_names\":[\"orders\"]}"), fake.promoteBodies);
    assertTrue(states.allStopped(), states.describe());
    assertEquals(2, beats.get(0).pendingStopped(), "the first heartbeat shows the wait");
  }

  @Test
  void unauthorizedBecomesANonRetryableUnauthorizedFailure() {
    fake.failNext(FakeLinkServer.error(401, 40101, "Kafka authentication failed"));

    ApplicationFailure a =
        applicationFailure(
            () ->
                activities.promoteMirrors(
                    new ClusterLinkActivities.PromoteRequest(
                        link, TopicSet.listed(List.of("orders")), null)));

    assertEquals(FailureTypes.UNAUTHORIZED, a.getType());
    assertTrue(a.isNonRetryable());
    assertTrue(
        a.getOriginalMessage().contains("resource-scoped key for cluster lkc-x1"),
        a.getOriginalMessage());
  }

  @Test
  void theMirrorStateReadThatSettlesALostPromoteIsRetryableEvenOnUnauthorized() {
    fake.failNext(FakeLinkServer.error(401, 40101, "Kafka authentication failed"));

    ApplicationFailure a =
        applicationFailure(
            () ->
                activities.describeMirrors(
                    new ClusterLinkActivities.DescribeMirrorsRequest(
                        link, TopicSet.listed(List.of("orders")))));

    assertEquals(FailureTypes.UNAUTHORIZED, a.getType());
    assertFalse(a.isNonRetryable(), "the workflow must learn the mirror states before it may act");
  }

  @Test
  void aBatchOfEveryMirrorOnTheLinkIsReadFromTheLinkAndPromotedButItsExceptions() {
    fake.mirrors.put("payments", "ACTIVE");
    fake.mirrors.put("orders", "ACTIVE");
    fake.mirrors.put("refunds", "ACTIVE");
    TopicSet validated = TopicSet.link(List.of("orders", "payments", "refunds"));

    PromoteResult r =
        activities.promoteMirrors(
            new ClusterLinkActivities.PromoteRequest(
                link, validated.part(0, 2), List.of("payments")));

    assertEquals(1, r.accepted(), "orders only: payments is excepted, refunds is in the next part");
    assertEquals("ACTIVE", fake.mirrors.get("payments"));
    assertEquals("ACTIVE", fake.mirrors.get("refunds"));
    assertNotEquals("ACTIVE", fake.mirrors.get("orders"));
  }

  @Test
  void aLinkWhoseMirrorsChangedRefusesTheBatchButTheSettlingReadFallsBackToEveryMirror() {
    fake.mirrors.put("orders", "PENDING_STOPPED");
    fake.mirrors.put("payments", "ACTIVE");
    TopicSet validated = TopicSet.link(List.of("orders"));

    ApplicationFailure refused =
        applicationFailure(
            () ->
                activities.promoteMirrors(
                    new ClusterLinkActivities.PromoteRequest(link, validated.part(0, 1), null)));
    MirrorStates states =
        activities.describeMirrors(
            new ClusterLinkActivities.DescribeMirrorsRequest(link, validated.part(0, 1)));

    assertEquals(FailureTypes.TOPIC_SET_CHANGED, refused.getType());
    assertTrue(refused.isNonRetryable());
    assertEquals(2, states.total(), "every mirror on the link, a superset of the batch");
    assertTrue(
        states.anyPromoted(),
        "so a promote that may have landed still holds the run: " + states.describe());
  }

  @Test
  void aMissingLinkBecomesANonRetryableNotFoundFailure() {
    link =
        new Targets.Link(TestLinks.endpoint(server), FakeLinkServer.CLUSTER, "no-such-link", REF);

    ApplicationFailure a =
        applicationFailure(
            () ->
                activities.restoreOffsetSync(
                    new ClusterLinkActivities.RestoreRequest(
                        link, Map.of(OffsetSync.TOGGLE, "true"))));

    assertEquals(FailureTypes.NOT_FOUND, a.getType());
    assertTrue(a.isNonRetryable());
    assertTrue(
        a.getOriginalMessage().contains("cluster link \"no-such-link\" on cluster lkc-x1"),
        a.getOriginalMessage());
  }

  @Test
  void rateLimitingBecomesARetryableTransientFailure() {
    fake.failNext(
        new MockResponse()
            .setResponseCode(429)
            .setHeader("Content-Type", "text/html")
            .setBody("<html>Error 429</html>"));

    ApplicationFailure a =
        applicationFailure(
            () -> activities.disableOffsetSync(new ClusterLinkActivities.DisableRequest(link)));

    assertEquals(FailureTypes.TRANSIENT, a.getType());
    assertFalse(a.isNonRetryable());
    assertTrue(a.getOriginalMessage().contains("rate limited"), a.getOriginalMessage());
  }

  @Test
  void aFailedMirrorBecomesANonRetryableStateDriftNamingTheTopic() {
    fake.mirrors.put("orders", "FAILED");

    ApplicationFailure a =
        applicationFailure(
            () ->
                activities.awaitMirrorsStopped(
                    new ClusterLinkActivities.AwaitStoppedRequest(
                        link, TopicSet.listed(List.of("orders")), null)));

    assertEquals(FailureTypes.STATE_DRIFT, a.getType());
    assertTrue(a.isNonRetryable());
    assertTrue(a.getOriginalMessage().contains("orders"), a.getOriginalMessage());
  }
}
