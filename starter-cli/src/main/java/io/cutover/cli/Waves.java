package io.cutover.cli;

import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.wave.GroupState;
import io.cutover.workflow.wave.WavePlan;
import io.cutover.workflow.wave.WaveStatus;
import io.cutover.workflow.wave.WaveWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowUpdateException;
import java.io.PrintWriter;

/** Finds a wave's workflow by name, talks to it, and prints it. */
final class Waves {
  private Waves() {}

  /** Accepts {@code payments-domain} or {@code wave-payments-domain}. */
  static String nameOf(String arg) {
    return arg.startsWith(WavePlan.WORKFLOW_ID_PREFIX)
        ? arg.substring(WavePlan.WORKFLOW_ID_PREFIX.length())
        : arg;
  }

  static WaveStatus status(WorkflowClient client, String name) {
    try {
      return client
          .newWorkflowStub(WaveWorkflow.class, WavePlan.workflowIdFor(nameOf(name)))
          .status();
    } catch (WorkflowNotFoundException e) {
      throw notFound(name);
    } catch (WorkflowQueryException | io.temporal.client.WorkflowServiceException e) {
      throw new CliException(
          ExitCodes.FAILED,
          "wave "
              + nameOf(name)
              + " did not answer ("
              + Migrations.rootMessage(e)
              + "): is a Cutover worker polling the task queue?");
    }
  }

  static CliException notFound(String name) {
    return new CliException(
        ExitCodes.NOT_FOUND,
        "no wave named \""
            + nameOf(name)
            + "\" (workflow "
            + WavePlan.workflowIdFor(nameOf(name))
            + "). Start one with `cutover wave init -f <wave manifest>`; `cutover wave list` shows"
            + " the existing ones.");
  }

  /** Sends an Update to the wave; a refusal says why, and no answer within a minute detaches. */
  static <T> T send(
      WorkflowClient client, String name, String update, String id, Class<T> type, Object arg) {
    try {
      return Updates.sendTo(
          client,
          WavePlan.workflowIdFor(nameOf(name)),
          update,
          id,
          type,
          Updates.ANSWER,
          arg,
          "wave " + update,
          "cutover wave status " + nameOf(name));
    } catch (WorkflowUpdateException u) {
      throw new CliException(
          ExitCodes.FAILED, "wave " + update + " refused: " + Migrations.rootMessage(u));
    } catch (WorkflowNotFoundException e) {
      throw new CliException(
          ExitCodes.FAILED,
          "wave "
              + update
              + " refused: wave "
              + nameOf(name)
              + " is not running (it ended, or was never started); `cutover wave list` shows it");
    }
  }

  /** One row per group: what the wave knows, and the group's own step read live. */
  static void table(PrintWriter out, WorkflowClient client, WaveStatus s) {
    out.printf(
        "Wave %s: %s (attempt %d) - %s%n  %s%n",
        s.name(), s.step(), s.attempt(), s.step().description(), s.plan());
    out.printf("  %-20s %-12s %-20s %-8s %s%n", "GROUP", "PHASE", "STEP", "ATTEMPT", "NOTE");
    for (WaveStatus.Row r : s.groups()) {
      GroupState g = r.group();
      String step = g.step() == null ? "-" : g.step().name();
      int attempt = g.attempt();
      MigrationStatus live = live(client, g.name());
      if (live != null) {
        step = live.step().name() + (live.held() ? " (held)" : "");
        attempt = live.attempt();
      }
      String note =
          r.waitingFor() != null
              ? "waiting for " + r.waitingFor()
              : g.detail() == null
                  ? (g.child() ? "" : "adopted (started by `cutover init`)")
                  : g.detail();
      out.printf("  %-20s %-12s %-20s %-8d %s%n", g.name(), g.phase(), step, attempt, note);
    }
    if (s.lastError() != null) {
      out.println("✖ " + s.lastError());
    }
    out.println("Next: " + s.nextAction());
  }

  /** The group's own progress; null when it cannot be read (ended long ago, no worker). */
  static MigrationStatus live(WorkflowClient client, String group) {
    try {
      return Migrations.stub(client, group).progress();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
