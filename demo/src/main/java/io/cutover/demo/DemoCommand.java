package io.cutover.demo;

import io.cutover.cli.DurationConverter;
import io.cutover.cli.ExitCodes;
import io.cutover.cli.Progress;
import io.cutover.sandbox.Sandbox;
import io.cutover.sandbox.workload.LibrdkafkaClients;
import io.cutover.sandbox.workload.Redeliveries;
import io.cutover.sandbox.workload.Workload;
import io.cutover.sandbox.workload.WorkloadReport;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.model.Durations;
import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.PolicyOverrides;
import io.cutover.workflow.model.StepRecord;
import io.micronaut.context.annotation.Prototype;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Prototype
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    header = "Rehearses a whole cutover on this machine in about a minute.",
    description = {
      "Rehearses a whole cutover on this machine, with live clients, in about a minute.",
      "Starts two real Kafka clusters, a Cluster Linking simulator (REST v3 API), a Kroxylicious gateway, a"
          + " Kubernetes API with a gateway operator, Temporal's test server and a Cutover worker; runs producers"
          + " and a consumer group through the gateway; runs init then execute; then reads the destination's log"
          + " and counts what was acknowledged, failed, lost, duplicated and re-delivered.",
      "The last line is: RESULT fenced_ms=<n> sent=<n> acked=<n> failed=<n> lost=<n> duplicated=<n> redelivered=<n>"
          + " (all clients), after one RESULT client=<java|librdkafka> ... line per client library.",
      "Exit code 1 if any acknowledged record was lost or the cutover did not complete. docs/sandbox.md says what is"
          + " real and what is simulated."
    },
    footer = {
      "%nExamples:",
      "  cutover demo",
      "  cutover demo --fence-error-code NOT_LEADER_OR_FOLLOWER --topics 20 --rate 500",
      "  cutover demo --hot-reload",
      "  cutover demo --clients java,librdkafka",
      ExitCodes.HELP
    })
public class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--topics",
      paramLabel = "N",
      defaultValue = "10",
      description = "Topics in the migration group (default ${DEFAULT-VALUE}).")
  int topics;

  @Option(
      names = "--rate",
      paramLabel = "N",
      defaultValue = "200",
      description =
          "Records per second produced through the gateway" + " (default ${DEFAULT-VALUE}).")
  int rate;

  @Option(
      names = "--fence-error-code",
      paramLabel = "CODE",
      defaultValue = "BROKER_NOT_AVAILABLE",
      description =
          "Error the fenced gateway answers: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}, the"
              + " Confluent Gateway's).")
  FenceErrorCode fenceErrorCode;

  // The policy's own flag name (execute takes it too); --verify-window was the demo's first name
  // for it.
  @Option(
      names = {"--detect-unrouted-producers-duration", "--verify-window"},
      paramLabel = "DURATION",
      defaultValue = "10s",
      description =
          "Unrouted-producer check after the fence, 0s to skip (default"
              + " ${DEFAULT-VALUE}); it is part of the fenced window. --verify-window: the same.")
  String verifyWindow;

  @Option(
      paramLabel = "DURATION",
      names = "--warmup",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description = "Traffic before the cutover starts (default ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(
      names = "--hot-reload",
      description =
          "Run the gateway with spec.hotReload.enabled: changes are applied in place (no pod is"
              + " replaced) and each is confirmed by every pod's /config.")
  boolean hotReload;

  @Option(
      names = "--clients",
      paramLabel = "LIB",
      split = ",",
      defaultValue = "java",
      description =
          "Client libraries to run through the gateway, each with a producer and a consumer group:"
              + " java, librdkafka (Debian's python3-confluent-kafka; without it the demo says so"
              + " and runs the Java clients only). Default ${DEFAULT-VALUE}.")
  List<String> clients;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (topics < 1 || rate < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--topics and --rate must be at least 1");
    }
    for (String c : clients) {
      if (!c.equals("java") && !c.equals("librdkafka")) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--clients: unknown library '" + c + "'; use java, librdkafka");
      }
    }
    boolean rdkafka = clients.contains("librdkafka") && LibrdkafkaClients.available();
    if (clients.contains("librdkafka") && !rdkafka) {
      out.println(
          "⚠ librdkafka clients not run: "
              + LibrdkafkaClients.INSTALL_HINT
              + ". Running the Java clients only.");
    }
    Path work = Files.createTempDirectory("cutover-demo-");
    long t0 = System.nanoTime();
    out.println("Starting the sandbox (" + topics + " topics)...");
    out.flush();
    Sandbox.Options options =
        Sandbox.Options.of("demo", topics, work)
            .withPolicy("fenceErrorCode", fenceErrorCode.name())
            .withPausedOffsetSync()
            .withPolicy("detectUnroutedProducersDuration", verifyWindow)
            // The link syncs offsets every second; two more cycles carry the last commits made
            // before the fence.
            .withPolicy("consumerOffsetSyncDrainDuration", "3s")
            // Nothing writes to the source after DONE here: one check, and the result is printed.
            .withPolicy("strandedWritesWatchDuration", "0s");
    if (hotReload) {
      options = options.withHotReload();
    }
    try (Rehearsal r = Rehearsal.start(options, true);
        WorkDir ignored = new WorkDir(work);
        // Closed on every way out, so no client process outlives the demo.
        LibrdkafkaClients rd =
            rdkafka
                ? new LibrdkafkaClients(
                    r.sandbox().gateway().bootstrap(), r.sandbox().topics(), rate)
                : null) {
      out.printf(
          "Sandbox ready in %s: %s%n",
          Durations.format(Duration.ofNanos(System.nanoTime() - t0)), r.sandbox().describe());
      out.println("Manifest: " + r.sandbox().manifest());
      Workload workload = r.sandbox().workload(rate);
      workload.start();
      if (rd != null) {
        rd.start();
        out.printf(
            "librdkafka clients running too: %d records/s, consumer group %s%n",
            rate, LibrdkafkaClients.GROUP);
      }
      out.printf(
          "Clients running through the gateway: %d records/s over %d topics, consumer group %s%n",
          rate, topics, Workload.GROUP);
      Thread.sleep(warmup.toMillis());

      out.println("$ cutover init -f " + r.sandbox().manifest());
      MigrationStatus s = r.init(Duration.ofMinutes(2));
      if (s.step() != CutoverStep.AWAIT_EXECUTE) {
        out.println(
            "✖ init did not pass: "
                + (s.validation() == null ? s.lastError() : s.validation().problemsText()));
        return ExitCodes.FAILED;
      }
      out.println("✔ " + s.validation().summary());
      out.println("⚠ " + fenceErrorCode.clientImpact());
      out.println("$ cutover execute demo");
      r.execute(PolicyOverrides.none());
      Progress progress = new Progress(out, 1);
      MigrationStatus end =
          r.await(
              st -> st.attempt() >= 1 && st.resting() && !st.watchingForStrandedWrites(),
              Duration.ofMinutes(5),
              progress::show);
      Thread.sleep(2000); // a little traffic on the destination after the switch
      workload.stop(Duration.ofSeconds(30));
      String destination = r.sandbox().kafka().destinationBootstrap();
      WorkloadReport java = workload.truth(destination);
      WorkloadReport librdkafka = null;
      if (rd != null) {
        rd.stop();
        librdkafka = rd.truth(destination);
      }
      WorkloadReport truth = librdkafka == null ? java : java.plus(librdkafka);
      long fencedMs = report(out, end, truth);
      Redeliveries split = workload.redeliveries(r.sandbox().kafka().sourceBootstrap());
      out.printf(
          "Re-deliveries: %d caused by the offset handoff (the destination's committed offsets"
              + " behind the source's), %d by the consumer itself (records it processed whose"
              + " commit the fence refused; at most one poll, max.poll.records=500, per refused"
              + " commit)%n",
          split.byHandoff(), split.byClient());
      out.println(split.line());
      out.println(java.resultLine("java", fencedMs));
      if (librdkafka != null) {
        out.println(librdkafka.resultLine("librdkafka", fencedMs));
      }
      out.println(truth.resultLine(fencedMs));
      out.flush();
      return end.step() == CutoverStep.DONE && truth.lost() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  private long report(PrintWriter out, MigrationStatus end, WorkloadReport truth) {
    out.println();
    out.println("Run report (attempt " + end.attempt() + ", " + end.step() + "):");
    for (StepRecord r : end.steps()) {
      if (r.attempt() == end.attempt()) {
        out.printf(
            "  %-19s %-8s %s%n",
            r.step(),
            r.outcome(),
            r.durationMillis() < 0 ? "" : Durations.format(Duration.ofMillis(r.durationMillis())));
      }
    }
    long fencedMs = fencedMillis(end);
    out.printf(
        "  fenced window: %s%n",
        fencedMs < 0 ? "-" : Durations.format(Duration.ofMillis(fencedMs)));
    out.printf(
        "Clients: %d sent, %d acknowledged, %d failed%s, %d lost, %d duplicated in the log, %d consumer"
            + " re-deliveries (%d consumer errors carried on)%n",
        truth.sent(),
        truth.acked(),
        truth.failed(),
        truth.failures().isEmpty() ? "" : " " + truth.failures(),
        truth.lost(),
        truth.duplicated(),
        truth.redelivered(),
        truth.consumerErrors());
    if (end.offsetHandoff() != null) {
      out.println("Consumer offsets: " + end.offsetHandoff().describe());
    }
    if (truth.failed() > 0 && fenceErrorCode == FenceErrorCode.BROKER_NOT_AVAILABLE) {
      out.println(
          "Note: the failed sends are the Java producer giving up on BROKER_NOT_AVAILABLE while fenced (not"
              + " retriable for Java). They were never acknowledged, so nothing acknowledged was lost. Run with"
              + " --fence-error-code NOT_LEADER_OR_FOLLOWER to see producers wait instead.");
    }
    return fencedMs;
  }

  /** From the start of FENCE to the end of SWITCH in the completing attempt. */
  static long fencedMillis(MigrationStatus s) {
    StepRecord fence = null;
    StepRecord sw = null;
    for (StepRecord r : s.steps()) {
      if (r.attempt() == s.attempt() && r.step() == CutoverStep.FENCE) {
        fence = r;
      }
      if (r.attempt() == s.attempt() && r.step() == CutoverStep.SWITCH) {
        sw = r;
      }
    }
    if (fence == null || sw == null || sw.endedAt() == null) {
      return -1;
    }
    return sw.endedAt().toEpochMilli() - fence.startedAt().toEpochMilli();
  }
}
