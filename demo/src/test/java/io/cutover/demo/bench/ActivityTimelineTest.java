package io.cutover.demo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Timestamp;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The activity list of a fenced window: one line per call, and the sum of what sits between. */
class ActivityTimelineTest {
  @Test
  void eachCallIsALineAndTheGapsAndPickupsAreSummed() {
    Instant t = Instant.parse("2026-12-03T10:00:00Z");
    ActivityTimeline timeline =
        new ActivityTimeline(
            t,
            List.of(
                new ActivityTimeline.Call(
                    "FenceRoutes",
                    t.plusMillis(20),
                    Duration.ofMillis(20),
                    Duration.ofMillis(4),
                    Duration.ofMillis(10),
                    Duration.ofMillis(5),
                    Duration.ofMillis(900)),
                new ActivityTimeline.Call(
                    "PromoteMirrors",
                    t.plusMillis(990),
                    Duration.ofMillis(65),
                    Duration.ofMillis(30),
                    Duration.ofMillis(20),
                    Duration.ofMillis(7),
                    Duration.ofMillis(300))));
    List<String> lines = timeline.text().lines().toList();
    assertEquals(4, lines.size(), timeline.text());
    assertEquals(
        List.of("990", "PromoteMirrors", "65", "30", "20", "7", "300"),
        List.of(lines.get(2).trim().split("\\s+")));
    assertEquals(
        "total gaps 85 ms (workflow tasks waiting 34 ms, running 30 ms), pickups 12 ms",
        lines.get(3));
  }

  @Test
  void aWorkflowTaskThatScheduledTwoActivitiesIsCountedOnce() {
    Instant t = Instant.parse("2026-12-03T10:00:00Z");
    Duration ms10 = Duration.ofMillis(10);
    ActivityTimeline timeline =
        new ActivityTimeline(
            t,
            List.of(
                new ActivityTimeline.Call(
                    "FindStrandedWrites", t.plusMillis(50), ms10, ms10, ms10, ms10, ms10),
                new ActivityTimeline.Call(
                    "HandOffConsumerOffsets",
                    t.plusMillis(50),
                    Duration.ZERO,
                    ms10,
                    ms10,
                    ms10,
                    ms10)));
    List<String> lines = timeline.text().lines().toList();
    assertEquals(
        "total gaps 10 ms (workflow tasks waiting 10 ms, running 10 ms), pickups 20 ms",
        lines.get(lines.size() - 1));
  }

  @Test
  void theGapIsSplitIntoTheSchedulingWorkflowTasksWaitAndRun() {
    Instant t = Instant.parse("2026-12-03T10:00:00Z");
    List<HistoryEvent> events =
        List.of(
            event(1, t, EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED),
            event(2, t.plusMillis(15), EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED),
            event(3, t.plusMillis(55), EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
            event(4, t.plusMillis(55), EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).toBuilder()
                .setActivityTaskScheduledEventAttributes(
                    ActivityTaskScheduledEventAttributes.newBuilder()
                        .setActivityType(ActivityType.newBuilder().setName("AssertFenced"))
                        .setWorkflowTaskCompletedEventId(2))
                .build(),
            event(5, t.plusMillis(60), EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED).toBuilder()
                .setActivityTaskStartedEventAttributes(
                    ActivityTaskStartedEventAttributes.newBuilder().setScheduledEventId(4))
                .build(),
            event(6, t.plusMillis(260), EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED).toBuilder()
                .setActivityTaskCompletedEventAttributes(
                    ActivityTaskCompletedEventAttributes.newBuilder().setScheduledEventId(4))
                .build());

    ActivityTimeline timeline = ActivityTimeline.of(events, t, t.plusSeconds(1));

    assertEquals(
        List.of(
            new ActivityTimeline.Call(
                "AssertFenced",
                t.plusMillis(55),
                Duration.ofMillis(55),
                Duration.ofMillis(15),
                Duration.ofMillis(40),
                Duration.ofMillis(5),
                Duration.ofMillis(200))),
        timeline.calls());
  }

  private static HistoryEvent event(long id, Instant at, EventType type) {
    return HistoryEvent.newBuilder()
        .setEventId(id)
        .setEventType(type)
        .setEventTime(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
        .build();
  }
}
