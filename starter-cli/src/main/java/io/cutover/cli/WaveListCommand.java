package io.cutover.cli;

import io.cutover.workflow.wave.GroupPhase;
import io.cutover.workflow.wave.WavePlan;
import io.cutover.workflow.wave.WaveStatus;
import io.cutover.workflow.wave.WaveWorkflow;
import io.micronaut.context.annotation.Prototype;
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
    header = "Lists every wave with its step and how many groups are DONE.",
    description = {"Lists every wave in the namespace, newest first."},
    footer = {"%nExample:", "  cutover wave list", ExitCodes.HELP})
public class WaveListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TemporalOptions temporal;

  private final TemporalConnection connection;

  public WaveListCommand(TemporalConnection connection) {
    this.connection = connection;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    WorkflowClient client = connection.client(temporal);
    List<WorkflowExecutionInfo> all =
        new ArrayList<>(Migrations.executions(client, WaveWorkflow.WORKFLOW_TYPE));
    if (all.isEmpty()) {
      out.println(
          "No waves in namespace "
              + temporal.namespace()
              + ". Start one with `cutover wave init -f <wave manifest>`.");
      return ExitCodes.OK;
    }
    all.sort(
        Comparator.comparing((WorkflowExecutionInfo i) -> i.getStartTime().getSeconds())
            .reversed());
    out.printf("%-28s %-12s %-16s %-8s %s%n", "WAVE", "WORKFLOW", "STEP", "DONE", "STARTED");
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (WorkflowExecutionInfo i : all) {
      String id = i.getExecution().getWorkflowId();
      if (!seen.add(id)) {
        continue; // earlier runs of a wave that continued as new
      }
      String step = "-";
      String done = "-";
      try {
        WaveStatus s = Waves.status(client, id);
        step = s.step().name();
        long n = s.groups().stream().filter(r -> r.group().phase() == GroupPhase.DONE).count();
        done = n + "/" + s.groups().size();
      } catch (CliException unreadable) {
        // listed without its step
      }
      out.printf(
          "%-28s %-12s %-16s %-8s %s%n",
          id.substring(WavePlan.WORKFLOW_ID_PREFIX.length()),
          i.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", ""),
          step,
          done,
          Instant.ofEpochSecond(i.getStartTime().getSeconds()));
    }
    return ExitCodes.OK;
  }
}
