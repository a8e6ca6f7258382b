package io.cutover.activities.offsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.support.Heartbeat;
import io.cutover.activities.support.Sleeper;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.activity.OffsetActivities;
import io.cutover.workflow.activity.OffsetActivities.LagRequest;
import io.cutover.workflow.model.LagSnapshot;
import io.cutover.workflow.model.TopicLag;
import io.cutover.workflow.model.TopicSet;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Lag measurement against two real in-process clusters (source and destination). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LagKafkaIT {
  private static final Duration POLL = Duration.ofMillis(50);

  private TestKafka src;
  private TestKafka dst;
  private final List<CountingAdmin> created = new CopyOnWriteArrayList<>();
  private final List<Object> heartbeats = new CopyOnWriteArrayList<>();
  private KafkaAdmins admins;
  private EndOffsets reader;
  private OffsetActivitiesImpl impl;

  @BeforeAll
  void startClusters() throws Exception {
    src = TestKafka.plaintext();
    try {
      dst = TestKafka.plaintext();
    } catch (Exception e) {
      src.close();
      throw e;
    }
    admins =
        new KafkaAdmins(
            TestKafka.PLAINTEXT,
            cfg -> {
              CountingAdmin a = new CountingAdmin(cfg);
              created.add(a);
              return a;
            });
    reader = new EndOffsets(admins);
    impl =
        new OffsetActivitiesImpl(
            reader, admins, POLL, Clock.systemUTC(), Sleeper.REAL, heartbeats::add);
  }

  @AfterAll
  void stopClusters() throws Exception {
    try {
      impl.close();
    } finally {
      try {
        src.close();
      } finally {
        dst.close();
      }
    }
  }

  @BeforeEach
  void clearHeartbeats() {
    heartbeats.clear();
  }

  private LagRequest request(List<String> topics, long threshold, Duration maxWait) {
    return new LagRequest(
        src.target("source"),
        dst.target("destination"),
        null,
        TopicSet.listed(topics),
        threshold,
        maxWait);
  }

  /** The same record counts on the same partition numbers of both clusters, as a mirror would. */
  private void writeBoth(String topic, int partition, int count) throws Exception {
    src.produce(topic, partition, count);
    dst.produce(topic, partition, count);
  }

  @Test
  void topicNamesListsTheClustersTopicsWithoutItsInternalOnes() throws Exception {
    src.createTopic("listed-a", 1);
    src.createTopic("listed-b", 2);
    src.produce("listed-a", 0, 3);
    admins // a committed offset creates __consumer_offsets
        .admin(src.target("source"))
        .alterConsumerGroupOffsets(
            "listing-group",
            java.util.Map.of(
                new TopicPartition("listed-a", 0),
                new org.apache.kafka.clients.consumer.OffsetAndMetadata(2)))
        .all()
        .get();

    var names = reader.topicNames(src.target("source"));

    assertTrue(names.containsAll(List.of("listed-a", "listed-b")), names.toString());
    assertTrue(names.stream().noneMatch(n -> n.startsWith("__")), names.toString());
  }

  @Test
  void lagIsZeroWhenTheDestinationHoldsTheSameRecords() throws Exception {
    src.createTopic("equal", 3);
    dst.createTopic("equal", 3);
    writeBoth("equal", 0, 5);
    writeBoth("equal", 1, 3);

    LagSnapshot s = impl.awaitLagBelow(request(List.of("equal"), 0, Duration.ZERO));

    assertTrue(s.withinThreshold());
    assertEquals(0, s.totalLag());
    assertEquals(1, s.topicCount());
    assertEquals(1, s.zeroLagTopics());
    assertTrue(s.lagging().isEmpty());
  }

  @Test
  void aPartitionMissingOnTheDestinationCountsItsWholeSourceOffset() throws Exception {
    src.createTopic("missing-part", 3);
    dst.createTopic("missing-part", 2);
    writeBoth("missing-part", 0, 4);
    src.produce("missing-part", 2, 7);

    LagSnapshot s = impl.awaitLagBelow(request(List.of("missing-part"), 0, Duration.ZERO));

    assertEquals(7, s.totalLag());
    assertEquals(List.of(new TopicLag("missing-part", 7)), s.lagging());
    assertEquals(0, s.zeroLagTopics());
  }

  @Test
  void aDestinationAheadCountsZeroAndDoesNotHideAnotherPartitionsLag() throws Exception {
    src.createTopic("ahead", 2);
    dst.createTopic("ahead", 2);
    src.produce("ahead", 0, 2);
    dst.produce("ahead", 0, 6); // destination ahead by 4 on p0
    src.produce("ahead", 1, 5);
    dst.produce("ahead", 1, 3); // behind by 2 on p1

    LagSnapshot s = impl.awaitLagBelow(request(List.of("ahead"), 0, Duration.ZERO));

    assertEquals(2, s.totalLag());
    assertEquals(List.of(new TopicLag("ahead", 2)), s.lagging());
  }

  @Test
  void aTopicExactlyAtTheThresholdPassesAndOneAboveDoesNot() throws Exception {
    src.createTopic("boundary", 1);
    dst.createTopic("boundary", 1);
    src.produce("boundary", 0, 4);

    LagSnapshot atThreshold = impl.awaitLagBelow(request(List.of("boundary"), 4, Duration.ZERO));
    LagSnapshot aboveThreshold = impl.awaitLagBelow(request(List.of("boundary"), 3, Duration.ZERO));

    assertTrue(atThreshold.withinThreshold());
    assertEquals(4, atThreshold.totalLag());
    assertFalse(aboveThreshold.withinThreshold());
    assertEquals(List.of(new TopicLag("boundary", 4)), aboveThreshold.lagging());
  }

  @Test
  void awaitLagBelowReturnsAsSoonAsTheDestinationCatchesUp() throws Exception {
    src.createTopic("catch-up", 1);
    dst.createTopic("catch-up", 1);
    src.produce("catch-up", 0, 3);
    AtomicBoolean mirrored = new AtomicBoolean();
    // The "mirror" copies the records during the first wait between sweeps.
    Sleeper mirrorThenSleep =
        d -> {
          if (mirrored.compareAndSet(false, true)) {
            try {
              dst.produce("catch-up", 0, 3);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
          Thread.sleep(d.toMillis());
        };
    var waiting =
        new OffsetActivitiesImpl(
            reader, null, POLL, Clock.systemUTC(), mirrorThenSleep, heartbeats::add);
    long start = System.nanoTime();

    LagSnapshot s = waiting.awaitLagBelow(request(List.of("catch-up"), 0, Duration.ofMinutes(2)));

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(s.withinThreshold());
    assertEquals(0, s.totalLag());
    assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "returned early, took " + took);
    // A sweep slower than the poll interval (a loaded machine) heartbeats null while it runs.
    LagSnapshot firstBeat =
        (LagSnapshot)
            heartbeats.stream().filter(LagSnapshot.class::isInstance).findFirst().orElseThrow();
    assertEquals(3, firstBeat.totalLag(), "the first heartbeat carries the lagging measurement");
    waiting.close();
  }

  @Test
  void awaitLagBelowReturnsTheLatestMeasurementWhenMaxWaitPasses() throws Exception {
    src.createTopic("stuck", 1);
    dst.createTopic("stuck", 1);
    src.produce("stuck", 0, 2);
    long start = System.nanoTime();

    LagSnapshot s = impl.awaitLagBelow(request(List.of("stuck"), 0, Duration.ofMillis(400)));

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertFalse(s.withinThreshold());
    assertEquals(1, s.overThreshold());
    assertEquals(2, s.totalLag());
    assertTrue(took.compareTo(Duration.ofMillis(400)) >= 0, "waited maxWait, took " + took);
    long sweeps =
        heartbeats.stream()
            .filter(LagSnapshot.class::isInstance)
            .map(LagSnapshot.class::cast)
            .map(LagSnapshot::measuredAt)
            .distinct()
            .count();
    assertTrue(sweeps >= 2, "measured more than once: " + sweeps);
    assertEquals(
        s,
        heartbeats.stream().filter(LagSnapshot.class::isInstance).reduce((a, b) -> b).orElseThrow(),
        "returns the latest heartbeated measurement");
  }

  @Test
  void twoHundredTopicsAreMeasuredWithOneListOffsetsCallAndOneRequestPerBroker() throws Exception {
    List<String> topics = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      topics.add(String.format("batch-%03d", i));
    }
    src.createTopics(topics, 1);
    dst.createTopics(topics, 1);
    for (int i = 0; i < 60; i++) {
      src.produce(topics.get(i), 0, i + 1); // topic i lags by i+1
    }
    Map<String, Integer> listBefore = callCounts(true);
    Map<String, Integer> describeBefore = callCounts(false);
    long requestsBefore = TestKafka.listOffsetsRequestsServed();

    LagSnapshot s = impl.awaitLagBelow(request(topics, 0, Duration.ZERO));

    assertEquals(
        1, callCounts(true).get("cutover-source") - listBefore.getOrDefault("cutover-source", 0));
    assertEquals(
        1,
        callCounts(true).get("cutover-destination")
            - listBefore.getOrDefault("cutover-destination", 0));
    assertEquals(
        1,
        callCounts(false).get("cutover-source") - describeBefore.getOrDefault("cutover-source", 0));
    // A broker counts a request after sending its response, so the count may trail our read: wait
    // for it.
    long served =
        TestKafka.awaitListOffsetsRequestsServed(requestsBefore + 2, Duration.ofSeconds(10))
            - requestsBefore;
    assertEquals(2, served, "one ListOffsets request per broker (one broker per cluster)");
    assertEquals(200, s.topicCount());
    assertEquals(60, s.overThreshold());
    assertEquals(140, s.zeroLagTopics());
    assertEquals(60L * 61 / 2, s.totalLag());
    assertEquals(LagSnapshot.MAX_LISTED, s.lagging().size(), "the list is capped");
    assertEquals(new TopicLag("batch-059", 60), s.lagging().get(0));
    assertEquals(new TopicLag("batch-010", 11), s.lagging().get(LagSnapshot.MAX_LISTED - 1));
  }

  private Map<String, Integer> callCounts(boolean listOffsets) {
    Map<String, Integer> counts = new java.util.HashMap<>();
    for (CountingAdmin a : created) {
      counts.merge(
          a.clientId(),
          (listOffsets ? a.listOffsetsCalls : a.describeTopicsCalls).get(),
          Integer::sum);
    }
    return counts;
  }

  @Test
  void anUnknownSourceTopicFailsNotFoundNamingTheTopicAndTheCluster() throws Exception {
    src.createTopic("known", 1);
    dst.createTopic("known", 1);

    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () ->
                impl.awaitLagBelow(
                    request(List.of("known", "no-such-topic"), 0, Duration.ofMinutes(1))));

    assertEquals(FailureTypes.NOT_FOUND, f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("\"no-such-topic\""), f.getOriginalMessage());
    assertTrue(
        f.getOriginalMessage().contains("source cluster (" + src.bootstrap + ")"),
        f.getOriginalMessage());
    assertFalse(f.getOriginalMessage().contains("\"known\""), f.getOriginalMessage());
  }

  @Test
  void aTopicMissingOnlyOnTheDestinationAsksForTheMirrorTopic() throws Exception {
    src.createTopic("not-mirrored", 1);

    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () -> impl.awaitLagBelow(request(List.of("not-mirrored"), 0, Duration.ofMinutes(1))));

    assertEquals(FailureTypes.NOT_FOUND, f.getType());
    assertTrue(f.getOriginalMessage().contains("destination cluster"), f.getOriginalMessage());
    assertTrue(f.getOriginalMessage().contains("mirror topic"), f.getOriginalMessage());
  }

  @Test
  void staleLeaderMetadataIsRetriedOnceAfterAPause() throws Exception {
    src.createTopic("flaky", 2);
    src.produce("flaky", 1, 3);
    List<CountingAdmin> mine = new ArrayList<>();
    List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
    try (KafkaAdmins flaky =
        new KafkaAdmins(
            TestKafka.PLAINTEXT,
            cfg -> {
              CountingAdmin a = new CountingAdmin(cfg);
              a.failListOffsetsCalls = 1;
              a.failure = tp -> new NotLeaderOrFollowerException("leader moved for " + tp);
              mine.add(a);
              return a;
            })) {
      EndOffsets offsets = new EndOffsets(flaky, pauses::add);

      Map<TopicPartition, Long> got = offsets.latestOffsets(src.target("source"), List.of("flaky"));

      assertEquals(
          Map.of(new TopicPartition("flaky", 0), 0L, new TopicPartition("flaky", 1), 3L), got);
      assertEquals(List.of(Duration.ofMillis(500)), pauses);
      assertEquals(2, mine.get(0).listOffsetsCalls.get());
    }
  }

  @Test
  void staleMetadataThatSurvivesTheRetryFailsTheSweepAsTransient() throws Exception {
    src.createTopic("very-flaky", 1);
    try (KafkaAdmins flaky =
        new KafkaAdmins(
            TestKafka.PLAINTEXT,
            cfg -> {
              CountingAdmin a = new CountingAdmin(cfg);
              a.failListOffsetsCalls = 2;
              a.failure = tp -> new NotLeaderOrFollowerException("leader moved");
              return a;
            })) {
      EndOffsets offsets = new EndOffsets(flaky, d -> {});

      OffsetSweepException e =
          assertThrows(
              OffsetSweepException.class,
              () -> offsets.latestOffsets(src.target("source"), List.of("very-flaky")));

      assertEquals(OffsetSweepException.Kind.TRANSIENT, e.kind());
      assertTrue(e.getMessage().contains("1 partition(s) on the source cluster"), e.getMessage());
      assertTrue(e.getMessage().contains("very-flaky-0"), e.getMessage());
    }
  }

  @Test
  void throughTemporalTheLagWaitHeartbeatsItsMeasurements() throws Exception {
    src.createTopic("temporal-lag", 1);
    dst.createTopic("temporal-lag", 1);
    src.produce("temporal-lag", 0, 5);
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    var viaTemporal =
        new OffsetActivitiesImpl(
            reader, null, POLL, Clock.systemUTC(), Sleeper.REAL, Heartbeat.TEMPORAL);
    try {
      List<LagSnapshot> beats = new CopyOnWriteArrayList<>();
      env.setActivityHeartbeatListener(LagSnapshot.class, beats::add);
      env.registerActivitiesImplementations(viaTemporal);
      OffsetActivities stub =
          env.newActivityStub(
              OffsetActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(1))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build());

      LagSnapshot s =
          stub.awaitLagBelow(request(List.of("temporal-lag"), 0, Duration.ofMillis(300)));
      List<LagSnapshot> lagBeats = List.copyOf(beats);
      ActivityFailure missing =
          assertThrows(
              ActivityFailure.class,
              () ->
                  stub.awaitLagBelow(
                      request(List.of("temporal-missing"), 0, Duration.ofMillis(300))));

      assertEquals(5, s.totalLag());
      assertFalse(lagBeats.isEmpty());
      // Temporal throttles heartbeats, so not every measurement arrives; those that do are
      // measurements.
      assertTrue(
          lagBeats.stream()
              .allMatch(
                  b -> b.totalLag() == 5 && b.lagging().get(0).topic().equals("temporal-lag")),
          lagBeats.toString());
      ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, missing.getCause());
      assertEquals(FailureTypes.NOT_FOUND, cause.getType());
      assertTrue(cause.getOriginalMessage().contains("temporal-missing"));
    } finally {
      env.close();
      viaTemporal.close();
    }
  }
}
