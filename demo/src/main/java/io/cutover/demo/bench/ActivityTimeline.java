package io.cutover.demo.bench;

import com.google.protobuf.Timestamp;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the fenced window's time goes inside Cutover: every activity that ran in it, from the
 * workflow's history, with how long it waited to be scheduled after the previous one ended (the
 * workflow task between them), to be picked up by a worker, and to run. The benchmark writes it
 * next to each timeline, so an overhead figure can be traced to the calls that make it.
 */
record ActivityTimeline(Instant from, List<Call> calls) {

  /**
   * One activity execution.
   *
   * @param gap from the end of the previous activity to this one's scheduling (workflow tasks)
   * @param taskWait of the gap, how long the workflow task that scheduled it waited for a worker
   * @param taskRun of the gap, how long that workflow task ran on the worker
   * @param pickup from scheduling to a worker starting it (the last attempt)
   */
  record Call(
      String type,
      Instant scheduled,
      Duration gap,
      Duration taskWait,
      Duration taskRun,
      Duration pickup,
      Duration run) {}

  /** The three times of the workflow task that scheduled an activity. */
  private record Task(Instant scheduled, Instant started, Instant completed) {}

  /**
   * The activities of {@code workflowId}'s latest run scheduled between {@code from} and {@code
   * to}.
   */
  static ActivityTimeline of(WorkflowClient client, String workflowId, Instant from, Instant to) {
    return of(client.fetchHistory(workflowId).getHistory().getEventsList(), from, to);
  }

  /** The activities among {@code events} scheduled between {@code from} and {@code to}. */
  static ActivityTimeline of(List<HistoryEvent> events, Instant from, Instant to) {
    Map<Long, HistoryEvent> scheduled = new HashMap<>();
    Map<Long, Instant> started = new HashMap<>();
    Map<Long, Task> tasks = new HashMap<>();
    Instant taskScheduled = null;
    Instant taskStarted = null;
    Task lastTask = null;
    List<Call> calls = new ArrayList<>();
    Instant lastEnd = null;
    for (HistoryEvent e : events) {
      Instant at = instant(e.getEventTime());
      switch (e.getEventType()) {
        // By order, not by id: Temporal's test server names the started event where a real
        // server names the completed one, and leaves the completed event's started id out.
        case EVENT_TYPE_WORKFLOW_TASK_SCHEDULED -> {
          taskScheduled = at;
          taskStarted = at;
        }
        case EVENT_TYPE_WORKFLOW_TASK_STARTED -> taskStarted = at;
        case EVENT_TYPE_WORKFLOW_TASK_COMPLETED ->
            lastTask = new Task(taskScheduled, taskStarted, at);
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
          scheduled.put(e.getEventId(), e);
          tasks.put(e.getEventId(), lastTask == null ? new Task(at, at, at) : lastTask);
        }
        case EVENT_TYPE_ACTIVITY_TASK_STARTED ->
            started.put(e.getActivityTaskStartedEventAttributes().getScheduledEventId(), at);
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
            EVENT_TYPE_ACTIVITY_TASK_FAILED,
            EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT,
            EVENT_TYPE_ACTIVITY_TASK_CANCELED -> {
          long id = scheduledId(e);
          HistoryEvent s = scheduled.get(id);
          if (s == null) {
            break;
          }
          Instant sAt = instant(s.getEventTime());
          Instant start = started.getOrDefault(id, sAt);
          if (!sAt.isBefore(from) && !sAt.isAfter(to)) {
            Instant previous = lastEnd == null || lastEnd.isBefore(from) ? from : lastEnd;
            var attrs = s.getActivityTaskScheduledEventAttributes();
            Task task = tasks.get(id);
            calls.add(
                new Call(
                    attrs.getActivityType().getName(),
                    sAt,
                    positive(Duration.between(previous, sAt)),
                    positive(Duration.between(task.scheduled(), task.started())),
                    positive(Duration.between(task.started(), task.completed())),
                    Duration.between(sAt, start),
                    Duration.between(start, at)));
          }
          lastEnd = lastEnd == null || at.isAfter(lastEnd) ? at : lastEnd;
        }
        default -> {}
      }
    }
    return new ActivityTimeline(from, calls);
  }

  private static long scheduledId(HistoryEvent e) {
    return switch (e.getEventType()) {
      case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
          e.getActivityTaskCompletedEventAttributes().getScheduledEventId();
      case EVENT_TYPE_ACTIVITY_TASK_FAILED ->
          e.getActivityTaskFailedEventAttributes().getScheduledEventId();
      case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT ->
          e.getActivityTaskTimedOutEventAttributes().getScheduledEventId();
      default -> e.getActivityTaskCanceledEventAttributes().getScheduledEventId();
    };
  }

  private static Duration positive(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  /**
   * One line per activity: its start in the window, gap (and, of it, the scheduling workflow task's
   * wait for a worker and its run), pickup and run time, in ms.
   */
  String text() {
    StringBuilder b =
        new StringBuilder(
            String.format(
                "%-8s %-34s %8s %8s %8s %9s %8s%n",
                "at_ms", "activity", "gap_ms", "wt_wait", "wt_run", "pickup_ms", "run_ms"));
    long gaps = 0;
    long waits = 0;
    long runs = 0;
    long pickups = 0;
    Instant lastScheduled = null;
    for (Call c : calls) {
      gaps += c.gap().toMillis();
      // Activities scheduled together share one workflow task: count it once.
      if (!c.scheduled().equals(lastScheduled)) {
        waits += c.taskWait().toMillis();
        runs += c.taskRun().toMillis();
      }
      lastScheduled = c.scheduled();
      pickups += c.pickup().toMillis();
      b.append(
          String.format(
              "%-8d %-34s %8d %8d %8d %9d %8d%n",
              Duration.between(from, c.scheduled()).toMillis(),
              c.type(),
              c.gap().toMillis(),
              c.taskWait().toMillis(),
              c.taskRun().toMillis(),
              c.pickup().toMillis(),
              c.run().toMillis()));
    }
    b.append(
        String.format(
            "total gaps %d ms (workflow tasks waiting %d ms, running %d ms), pickups %d ms%n",
            gaps, waits, runs, pickups));
    return b.toString();
  }
}
