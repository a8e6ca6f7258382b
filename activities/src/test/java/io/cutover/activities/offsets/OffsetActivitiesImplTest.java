package io.cutover.activities.offsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.offsets.OffsetSweepException.Kind;
import io.cutover.activities.offsets.UnroutedProducerDetectorTest.FakeTime;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.activity.OffsetActivities.DetectRequest;
import io.cutover.workflow.activity.OffsetActivities.LagRequest;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.CredentialRef;
import io.cutover.workflow.model.LagSnapshot;
import io.cutover.workflow.model.TopicSet;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sweep loop and the error mapping, on a scripted reader and a fake clock. */
class OffsetActivitiesImplTest {
  private static final Targets.Kafka SRC =
      new Targets.Kafka("source", "apache-kafka", List.of("s:9092"), CredentialRef.none());
  private static final Targets.Kafka DST =
      new Targets.Kafka("destination", "confluent-cloud", List.of("d:9092"), CredentialRef.none());
  private static final TopicPartition T0 = new TopicPartition("t", 0);

  /** Per role, a queue of results (a map or an exception); the last one repeats. */
  static final class ScriptedReader implements OffsetReader {
    final Map<String, Deque<Object>> script = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    ScriptedReader on(String role, Object... results) {
      script.put(role, new ArrayDeque<>(List.of(results)));
      return this;
    }

    @Override
    public Map<TopicPartition, Long> latestOffsets(Targets.Kafka cluster, List<String> topics) {
      calls.computeIfAbsent(cluster.role(), r -> new AtomicInteger()).incrementAndGet();
      Deque<Object> q = script.get(cluster.role());
      Object next = q.size() > 1 ? q.removeFirst() : q.peekFirst();
      if (next instanceof OffsetSweepException e) {
        throw e;
      }
      @SuppressWarnings("unchecked")
      Map<TopicPartition, Long> offsets = (Map<TopicPartition, Long>) next;
      return offsets;
    }

    int calls(String role) {
      return calls.getOrDefault(role, new AtomicInteger()).get();
    }
  }

  private final FakeTime time = new FakeTime();
  private final List<Object> beats = new CopyOnWriteArrayList<>();
  private final List<OffsetActivitiesImpl> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(OffsetActivitiesImpl::close);
  }

  private OffsetActivitiesImpl impl(OffsetReader reader) {
    var i =
        new OffsetActivitiesImpl(
            reader, null, Duration.ofSeconds(2), time, time.sleeper(), beats::add);
    opened.add(i);
    return i;
  }

  private static Map<TopicPartition, Long> at(long offset) {
    return Map.of(T0, offset);
  }

  private static OffsetSweepException fail(Kind kind) {
    return new OffsetSweepException(kind, kind + " failure on the cluster");
  }

  private static LagRequest lag(long threshold, Duration maxWait) {
    return new LagRequest(SRC, DST, null, TopicSet.listed(List.of("t")), threshold, maxWait);
  }

  @Test
  void twoFailedSweepsAreToleratedAndTheThirdCanStillSucceed() {
    var reader =
        new ScriptedReader()
            .on("source", fail(Kind.TRANSIENT), fail(Kind.TRANSIENT), at(5))
            .on("destination", at(5));

    LagSnapshot s = impl(reader).awaitLagBelow(lag(0, Duration.ofHours(1)));

    assertTrue(s.withinThreshold());
    assertEquals(3, reader.calls("source"));
    assertEquals(
        List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)),
        time.sleeps,
        "each failure waits a full poll interval");
  }

  @Test
  void theThirdConsecutiveFailedSweepFailsTheActivityAsRetryableTransient() {
    var reader = new ScriptedReader().on("source", fail(Kind.TRANSIENT)).on("destination", at(5));

    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () -> impl(reader).awaitLagBelow(lag(0, Duration.ofHours(1))));

    assertEquals(FailureTypes.TRANSIENT, f.getType());
    assertFalse(f.isNonRetryable());
    assertTrue(
        f.getOriginalMessage().startsWith("offset sweep failed 3 consecutive times: "),
        f.getOriginalMessage());
    assertEquals(3, reader.calls("source"));
  }

  @Test
  void aSuccessfulSweepResetsTheFailureCount() {
    var reader =
        new ScriptedReader()
            .on(
                "source",
                fail(Kind.TRANSIENT),
                fail(Kind.TRANSIENT),
                at(5),
                fail(Kind.TRANSIENT),
                fail(Kind.TRANSIENT),
                at(5))
            .on("destination", at(1), at(1), at(1), at(1), at(1), at(5));

    LagSnapshot s = impl(reader).awaitLagBelow(lag(0, Duration.ofHours(1)));

    assertTrue(s.withinThreshold());
    assertEquals(6, reader.calls("source"));
  }

  @Test
  void anAuthenticationFailureFailsAtOnceAsNonRetryableUnauthorized() {
    var reader =
        new ScriptedReader().on("source", at(1)).on("destination", fail(Kind.UNAUTHORIZED));

    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () -> impl(reader).awaitLagBelow(lag(0, Duration.ofHours(1))));

    assertEquals(FailureTypes.UNAUTHORIZED, f.getType());
    assertTrue(f.isNonRetryable());
    assertEquals(1, reader.calls("destination"), "no second sweep");
  }

  @Test
  void aMissingTopicOnOneSideWinsOverATransientFailureOnTheOther() {
    var reader =
        new ScriptedReader()
            .on("source", fail(Kind.TRANSIENT))
            .on("destination", fail(Kind.NOT_FOUND));

    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () -> impl(reader).awaitLagBelow(lag(0, Duration.ofHours(1))));

    assertEquals(FailureTypes.NOT_FOUND, f.getType());
    assertTrue(f.isNonRetryable());
  }

  @Test
  void afterMaxWaitTheLatestSuccessfulMeasurementIsReturnedEvenIfTheLastSweepFailed() {
    var reader =
        new ScriptedReader().on("source", at(9), fail(Kind.TRANSIENT)).on("destination", at(4));
    var start = time.now;

    LagSnapshot s = impl(reader).awaitLagBelow(lag(0, Duration.ofSeconds(3)));

    assertEquals(5, s.totalLag());
    assertEquals(start, s.measuredAt());
    assertEquals(3, reader.calls("source"), "t=0 ok, t=2 failed, t=4 (past maxWait) failed again");
  }

  @Test
  void whileLaggingItSweepsEveryPollIntervalUntilMaxWaitAndHeartbeatsEachMeasurement() {
    var reader = new ScriptedReader().on("source", at(9)).on("destination", at(4));

    LagSnapshot s = impl(reader).awaitLagBelow(lag(0, Duration.ofSeconds(5)));

    assertFalse(s.withinThreshold());
    assertEquals(
        List.of(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1)),
        time.sleeps,
        "the last wait is cut to the deadline");
    assertEquals(4, reader.calls("source"));
    assertTrue(beats.stream().allMatch(LagSnapshot.class::isInstance));
    assertEquals(s, beats.get(beats.size() - 1));
  }

  @Test
  void heartbeatsNameAtMostTenLaggingTopicsWhileTheAnswerNamesUpToFifty() {
    List<String> topics =
        java.util.stream.IntStream.range(0, 20).mapToObj(i -> "topic-" + i).toList();
    OffsetReader reader =
        (cluster, names) -> {
          Map<TopicPartition, Long> out = new java.util.HashMap<>();
          names.forEach(
              t -> out.put(new TopicPartition(t, 0), cluster.role().equals("source") ? 100L : 0L));
          return out;
        };

    LagSnapshot s =
        impl(reader)
            .awaitLagBelow(
                new LagRequest(SRC, DST, null, TopicSet.listed(topics), 0, Duration.ofSeconds(4)));

    assertEquals(20, s.lagging().size());
    assertFalse(beats.isEmpty());
    for (Object beat : beats) {
      LagSnapshot b = (LagSnapshot) beat;
      assertEquals(
          LagSnapshot.HEARTBEAT_LISTED,
          b.lagging().size(),
          "a heartbeat is a small progress record");
      assertEquals(20, b.overThreshold(), "the counts still say how many lag");
    }
  }

  @Test
  void zeroMaxWaitMeasuresExactlyOnce() {
    var reader = new ScriptedReader().on("source", at(9)).on("destination", at(4));

    LagSnapshot s = impl(reader).awaitLagBelow(lag(0, Duration.ZERO));

    assertEquals(5, s.totalLag());
    assertEquals(1, reader.calls("source"));
    assertTrue(time.sleeps.isEmpty());
  }

  @Test
  void anEmptyTopicListIsCaughtUpWithoutReadingAnything() {
    var reader = new ScriptedReader();

    LagSnapshot s =
        impl(reader)
            .awaitLagBelow(
                new LagRequest(SRC, DST, null, TopicSet.listed(List.of()), 0, Duration.ofHours(1)));

    assertTrue(s.withinThreshold());
    assertEquals(0, reader.calls("source"));
  }

  @Test
  void invalidInputsAreRejectedAsNonRetryableInvalidRequest() {
    var impl = impl(new ScriptedReader());

    ApplicationFailure negative =
        assertThrows(ApplicationFailure.class, () -> impl.awaitLagBelow(lag(-1, Duration.ZERO)));
    ApplicationFailure noTopics =
        assertThrows(
            ApplicationFailure.class,
            () -> impl.awaitLagBelow(new LagRequest(SRC, DST, null, null, 0, Duration.ZERO)));
    ApplicationFailure negativeWindow =
        assertThrows(
            ApplicationFailure.class,
            () ->
                impl.detectUnroutedProducers(
                    new DetectRequest(
                        SRC, null, TopicSet.listed(List.of("t")), Duration.ofSeconds(-1))));

    for (ApplicationFailure f : List.of(negative, noTopics, negativeWindow)) {
      assertEquals(FailureTypes.INVALID_REQUEST, f.getType());
      assertTrue(f.isNonRetryable());
    }
    assertTrue(negative.getOriginalMessage().contains("threshold"), negative.getOriginalMessage());
  }

  @Test
  void aFailedDetectionSnapshotIsNotToleratedButStaysRetryable() {
    var reader = new ScriptedReader().on("source", at(1), fail(Kind.TRANSIENT));

    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () ->
                impl(reader)
                    .detectUnroutedProducers(
                        new DetectRequest(
                            SRC, null, TopicSet.listed(List.of("t")), Duration.ofSeconds(10))));

    assertEquals(FailureTypes.TRANSIENT, f.getType());
    assertFalse(f.isNonRetryable());
    assertEquals(2, reader.calls("source"));
  }

  @Test
  void detectionReportsViolationsAsDataAndHeartbeatsThroughTheWindow() {
    var reader = new ScriptedReader().on("source", at(3), at(13));

    var report =
        impl(reader)
            .detectUnroutedProducers(
                new DetectRequest(
                    SRC, null, TopicSet.listed(List.of("t")), Duration.ofSeconds(10)));

    assertEquals(
        List.of("topic t partition 0: offset 3 -> 13 (+10, ~1.0 msg/s)"), report.violations());
    assertEquals(Duration.ofSeconds(10), Duration.between(report.from(), report.to()));
    assertEquals(6, beats.size(), "a heartbeat at the start and after each 2 s step");
  }
}
