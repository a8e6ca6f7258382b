package io.cutover.cli;

import io.cutover.manifest.ManifestException;
import io.cutover.manifest.ManifestParser;
import io.cutover.manifest.ManifestPlans;
import io.cutover.manifest.ParsedWave;
import io.cutover.manifest.WaveManifestParser;
import io.cutover.workflow.wave.GroupPhase;
import io.cutover.workflow.wave.WavePlan;
import io.cutover.workflow.wave.WaveStatus;
import io.cutover.workflow.wave.WaveStep;
import io.cutover.workflow.wave.WaveWorkflow;
import io.cutover.workflow.wave.WaveWorkflowOptions;
import io.micronaut.context.annotation.Prototype;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Prototype
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    header = "Starts a wave and validates every group against the live systems.",
    description = {
      "Reads the wave manifest and every group manifest it names (all problems at once, each with its"
          + " field path), starts the wave's workflow, which starts each group's migration workflow as its"
          + " child with the id the group has alone, and waits for every VALIDATE. Changes nothing outside"
          + " Temporal.",
      "A group already started with `cutover init` is adopted: the wave drives it by its id."
    },
    footer = {"%nExample:", "  cutover wave init -f wave.yaml", ExitCodes.HELP})
public class WaveInitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TemporalOptions temporal;

  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "WAVE_MANIFEST",
      description =
          "MigrationWave manifest (cutover.io/v1alpha1); see docs/manifest.md, \"Waves\".")
  Path manifest;

  @Option(
      paramLabel = "DURATION",
      names = "--wait",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description = "How long to wait for the groups' validation (default ${DEFAULT-VALUE}).")
  Duration wait;

  private final TemporalConnection connection;

  public WaveInitCommand(TemporalConnection connection) {
    this.connection = connection;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ParsedWave parsed;
    try {
      // Credential files are read on the worker; here only the manifests' shapes are checked.
      parsed = new WaveManifestParser(new ManifestParser(System.getenv(), false)).parse(manifest);
    } catch (ManifestException e) {
      throw new CliException(ExitCodes.FAILED, e.getMessage());
    }
    parsed.warnings().forEach(w -> out.println("⚠ " + w));
    WavePlan plan = ManifestPlans.toWavePlan(parsed);
    WorkflowClient client = connection.client(temporal);
    WaveWorkflow wf =
        client.newWorkflowStub(
            WaveWorkflow.class, WaveWorkflowOptions.forPlan(plan, temporal.taskQueue()));
    try {
      WorkflowClient.start(wf::run, plan, null);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new CliException(
          ExitCodes.FAILED,
          "wave "
              + plan.name()
              + " exists (workflow "
              + plan.workflowId()
              + "): `cutover wave status "
              + plan.name()
              + "` shows it. A group's manifest is re-read with `cutover init -f <group manifest>`;"
              + " a finished wave cannot be started again under the same name.");
    }
    out.println(
        "Started wave "
            + plan.name()
            + " (workflow "
            + plan.workflowId()
            + ") with "
            + plan.groups().size()
            + " group(s); validating each...");
    WaveStatus s = follow(client, plan.name());
    Waves.table(out, client, s);
    List<String> invalid =
        s.groups().stream()
            .filter(r -> r.group().phase() == GroupPhase.INVALID)
            .map(r -> r.group().name())
            .toList();
    if (!invalid.isEmpty()) {
      out.println(
          "✖ not valid: "
              + String.join(", ", invalid)
              + ". Fix each manifest and run `cutover init -f <manifest>` for it; the wave finds the"
              + " new run by its id when it executes.");
      return ExitCodes.FAILED;
    }
    out.println("✔ every group validated. Next: cutover wave execute " + plan.name());
    return ExitCodes.OK;
  }

  private WaveStatus follow(WorkflowClient client, String name) {
    WaveStatus s =
        new WaveFollow(spec.commandLine().getOut(), client)
            .until(name, wait, st -> st.step() != WaveStep.VALIDATE);
    if (s == null) {
      throw new CliException(
          ExitCodes.DETACHED,
          "the groups did not all validate within "
              + io.cutover.workflow.model.Durations.format(wait)
              + "; is a Cutover worker polling task queue "
              + temporal.taskQueue()
              + "? Check with `cutover wave status "
              + name
              + "`.");
    }
    return s;
  }
}
