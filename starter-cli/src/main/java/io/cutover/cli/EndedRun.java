package io.cutover.cli;

import io.cutover.workflow.MigrationWorkflow;
import io.cutover.workflow.activity.ClusterLinkActivities.PromoteResult;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.ValidationReport;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import java.util.HashMap;
import java.util.Map;

/**
 * What a migration run that ended mid-cutover had done, read from its history alone: a terminated
 * run cannot be relied on to answer a query (answering means replaying it on a worker), and its
 * history holds everything recover needs.
 *
 * @param plan the run's start input
 * @param validation the result of its last VALIDATE (gateway snapshot, offset-sync configs, topics)
 * @param lastStep the last value of its {@code CutoverStep} search attribute
 * @param promoteAccepted a promote activity returned an accepted topic
 */
record EndedRun(MigrationPlan plan, ValidationReport validation, String lastStep, boolean promoteAccepted) {

  static EndedRun read(WorkflowClient client, String migration) {
    DataConverter converter = client.getOptions().getDataConverter();
    var history = client.fetchHistory(MigrationPlan.workflowIdFor(migration));
    Map<Long, String> activityTypes = new HashMap<>();
    MigrationPlan plan = null;
    ValidationReport validation = null;
    String step = null;
    boolean accepted = false;
    for (HistoryEvent e : history.getEvents()) {
      if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) {
        plan = converter.fromPayload(e.getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0),
            MigrationPlan.class, MigrationPlan.class);
      } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        activityTypes.put(e.getEventId(), e.getActivityTaskScheduledEventAttributes().getActivityType().getName());
      } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
        var done = e.getActivityTaskCompletedEventAttributes();
        String type = activityTypes.get(done.getScheduledEventId());
        if ("ValidatePlan".equals(type) && done.getResult().getPayloadsCount() > 0) {
          validation = converter.fromPayload(done.getResult().getPayloads(0), ValidationReport.class,
              ValidationReport.class);
        } else if ("PromoteMirrors".equals(type) && done.getResult().getPayloadsCount() > 0) {
          accepted |= converter.fromPayload(done.getResult().getPayloads(0), PromoteResult.class, PromoteResult.class)
              .accepted() > 0;
        }
      } else if (e.getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES) {
        var p = e.getUpsertWorkflowSearchAttributesEventAttributes().getSearchAttributes().getIndexedFieldsMap()
            .get(MigrationWorkflow.SEARCH_ATTRIBUTE);
        if (p != null) {
          step = converter.fromPayload(p, String.class, String.class);
        }
      }
    }
    return new EndedRun(plan, validation, step == null ? "VALIDATE" : step, accepted);
  }
}
