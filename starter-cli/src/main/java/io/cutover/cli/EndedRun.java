package io.cutover.cli;

import io.cutover.workflow.MigrationWorkflow;
import io.cutover.workflow.activity.ClusterLinkActivities.PromoteResult;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.ValidationReport;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a migration run that ended mid-cutover had done, read from its history alone: a terminated
 * run cannot be relied on to answer a query (answering means replaying it on a worker), and its
 * history holds everything recover needs.
 *
 * @param plan the run's start input
 * @param validation the result of its last VALIDATE (gateway snapshot, offset-sync configs, topics)
 * @param plan the plan in force: the start input, or the last reinit whose validation passed
 * @param lastStep the last value of its {@code CutoverStep} search attribute
 * @param promoteAccepted a promote activity returned an accepted topic
 * @param offsetSyncDisabled the disable of offset sync was scheduled
 * @param writesInFlight writes scheduled and never closed (their attempts may still run on a
 *     worker)
 */
record EndedRun(
    MigrationPlan plan,
    ValidationReport validation,
    String lastStep,
    boolean promoteAccepted,
    boolean offsetSyncDisabled,
    List<String> writesInFlight) {
  /** Activities that change the outside world. */
  static final Set<String> WRITES =
      Set.of(
          "PromoteMirrors",
          "DisableOffsetSync",
          "RestoreOffsetSync",
          "FenceRoutes",
          "AssertFenced",
          "UnfenceRoutes",
          "SwitchRoutes");

  static EndedRun read(WorkflowClient client, String migration) {
    DataConverter converter = client.getOptions().getDataConverter();
    var history = client.fetchHistory(MigrationPlan.workflowIdFor(migration));
    Map<Long, String> scheduled = new LinkedHashMap<>();
    Map<String, MigrationPlan> reinits = new HashMap<>();
    MigrationPlan plan = null;
    ValidationReport validation = null;
    String step = null;
    boolean accepted = false;
    boolean disabled = false;
    for (HistoryEvent e : history.getEvents()) {
      switch (e.getEventType()) {
        case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
          var started = e.getWorkflowExecutionStartedEventAttributes();
          plan =
              converter.fromPayload(
                  started.getInput().getPayloads(0), MigrationPlan.class, MigrationPlan.class);
          step = stepIn(converter, started.getSearchAttributes().getIndexedFieldsMap(), step);
        }
        case EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES ->
            step =
                stepIn(
                    converter,
                    e.getUpsertWorkflowSearchAttributesEventAttributes()
                        .getSearchAttributes()
                        .getIndexedFieldsMap(),
                    step);
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
          String type = e.getActivityTaskScheduledEventAttributes().getActivityType().getName();
          scheduled.put(e.getEventId(), type);
          disabled |= "DisableOffsetSync".equals(type);
        }
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
          var done = e.getActivityTaskCompletedEventAttributes();
          String type = scheduled.remove(done.getScheduledEventId());
          if ("ValidatePlan".equals(type) && done.getResult().getPayloadsCount() > 0) {
            validation =
                converter.fromPayload(
                    done.getResult().getPayloads(0),
                    ValidationReport.class,
                    ValidationReport.class);
          } else if ("PromoteMirrors".equals(type) && done.getResult().getPayloadsCount() > 0) {
            accepted |=
                converter
                        .fromPayload(
                            done.getResult().getPayloads(0),
                            PromoteResult.class,
                            PromoteResult.class)
                        .accepted()
                    > 0;
          }
        }
        case EVENT_TYPE_ACTIVITY_TASK_FAILED ->
            scheduled.remove(e.getActivityTaskFailedEventAttributes().getScheduledEventId());
        case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {} // a timed-out attempt may still run: stays in
        // flight
        case EVENT_TYPE_ACTIVITY_TASK_CANCELED ->
            scheduled.remove(e.getActivityTaskCanceledEventAttributes().getScheduledEventId());
        case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> {
          var request = e.getWorkflowExecutionUpdateAcceptedEventAttributes().getAcceptedRequest();
          if ("reinit".equals(request.getInput().getName())
              && request.getInput().getArgs().getPayloadsCount() > 0) {
            reinits.put(
                request.getMeta().getUpdateId(),
                converter.fromPayload(
                    request.getInput().getArgs().getPayloads(0),
                    MigrationPlan.class,
                    MigrationPlan.class));
          }
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED -> {
          var done = e.getWorkflowExecutionUpdateCompletedEventAttributes();
          MigrationPlan next = reinits.remove(done.getMeta().getUpdateId());
          if (next != null
              && done.getOutcome().hasSuccess()
              && done.getOutcome().getSuccess().getPayloadsCount() > 0
              && converter
                  .fromPayload(
                      done.getOutcome().getSuccess().getPayloads(0),
                      ValidationReport.class,
                      ValidationReport.class)
                  .passed()) {
            plan = next;
          }
        }
        default -> {}
      }
    }
    List<String> inFlight =
        scheduled.values().stream().filter(WRITES::contains).distinct().toList();
    return new EndedRun(
        plan, validation, step == null ? "VALIDATE" : step, accepted, disabled, inFlight);
  }

  private static String stepIn(
      DataConverter converter, Map<String, Payload> attributes, String current) {
    Payload p = attributes.get(MigrationWorkflow.SEARCH_ATTRIBUTE);
    return p == null ? current : converter.fromPayload(p, String.class, String.class);
  }
}
