package io.cutover.cli;

import io.cutover.workflow.MigrationWorkflow;
import io.micronaut.context.annotation.Prototype;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Prototype
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    header = "Lists every migration with its workflow status and step.",
    description = {
      "Lists every migration in the namespace with its workflow status and current step."
    },
    footer = {"%nExample:", "  cutover list", ExitCodes.HELP})
public class ListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TemporalOptions temporal;

  private final TemporalConnection connection;

  public ListCommand(TemporalConnection connection) {
    this.connection = connection;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    WorkflowClient client = connection.client(temporal);
    List<WorkflowExecutionInfo> all = new ArrayList<>(Migrations.executions(client));
    if (all.isEmpty()) {
      out.println(
          "No migrations in namespace "
              + temporal.namespace()
              + ". Start one with `cutover init -f <manifest>`.");
      return ExitCodes.OK;
    }
    all.sort(
        Comparator.comparing((WorkflowExecutionInfo i) -> i.getStartTime().getSeconds())
            .reversed());
    out.printf("%-28s %-10s %-20s %s%n", "MIGRATION", "WORKFLOW", "STEP", "STARTED");
    for (WorkflowExecutionInfo i : all) {
      String id = i.getExecution().getWorkflowId();
      out.printf(
          "%-28s %-10s %-20s %s%n",
          Migrations.nameOf(id),
          i.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", ""),
          step(client, i),
          Instant.ofEpochSecond(i.getStartTime().getSeconds()));
    }
    return ExitCodes.OK;
  }

  /**
   * From the search attribute; servers whose legacy lists omit it are asked with the status query.
   */
  private static String step(WorkflowClient client, WorkflowExecutionInfo i) {
    Payload p =
        i.getSearchAttributes().getIndexedFieldsMap().get(MigrationWorkflow.SEARCH_ATTRIBUTE);
    if (p != null) {
      return p.getData().toStringUtf8().replace("\"", "");
    }
    try {
      return Migrations.stub(client, i.getExecution().getWorkflowId()).status().step().name();
    } catch (RuntimeException e) {
      return "-";
    }
  }
}
