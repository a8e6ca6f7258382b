package io.cutover.demo;

import io.cutover.cli.CliException;
import io.cutover.cli.ExitCodes;
import io.cutover.cli.ShutdownHooks;
import io.cutover.sandbox.Sandbox;
import io.cutover.workflow.model.Durations;
import io.cutover.workflow.model.FenceErrorCode;
import io.micronaut.context.annotation.Prototype;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Prototype
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    header = "Runs the sandbox with live clients, to drive a cutover by hand.",
    description = {
      "Starts what `cutover demo` starts (two Kafka clusters, a Cluster Linking simulator, a Kroxylicious"
          + " gateway, a Kubernetes API with a gateway operator, Temporal's test server and a Cutover worker, live"
          + " clients through the gateway) and keeps it running, so that you run init, execute, approve, rollback"
          + " and status yourself from another terminal. It prints the manifest and the exact commands.",
      "Type a knob into this terminal to inject a fault (`help` lists them): a rogue producer, a stalled mirror,"
          + " an operator that rejects a change, REST errors. Ctrl+C (or `stop`) stops everything and prints the"
          + " loss report: every acknowledged record must be on the cluster the clients ended on.",
      "NOT durable: Temporal's in-memory test server, no Web UI. docs/sandbox.md says what is real and what is"
          + " simulated."
    },
    footer = {
      "%nExamples:",
      "  cutover sandbox",
      "  cutover sandbox --topics 20 --rate 500",
      "  cutover sandbox --hot-reload",
      "  cutover sandbox --groups 3     # three groups on one gateway, and their wave",
      "  cutover sandbox --port 7300 --fence-error-code NOT_LEADER_OR_FOLLOWER",
      "%nExit codes: 0 stopped with nothing lost, 1 an acknowledged record was lost or the sandbox did not"
          + " start,",
      "  2 bad arguments."
    })
public class SandboxCommand implements Callable<Integer> {
  /** The migration's name in the sandbox's manifest. */
  static final String MIGRATION = "sandbox";

  @Spec CommandSpec spec;

  @Option(
      names = "--topics",
      paramLabel = "N",
      defaultValue = "5",
      description = "Topics in the migration group (default ${DEFAULT-VALUE}).")
  int topics;

  @Option(
      names = "--rate",
      paramLabel = "N",
      defaultValue = "100",
      description =
          "Records per second produced through the gateway, in each group (default"
              + " ${DEFAULT-VALUE}).")
  int rate;

  @Option(
      names = "--groups",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Migration groups on the one gateway (default ${DEFAULT-VALUE}, at most 10): each has its"
              + " own route, --topics topics, live clients and manifest, and wave.yaml lists them"
              + " all for `cutover wave` (docs/sandbox.md, \"Several groups on one gateway\").")
  int groups;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "7233",
      description =
          "Temporal's port (default ${DEFAULT-VALUE}, where the CLI looks without --temporal).")
  int port;

  @Option(
      names = "--fence-error-code",
      paramLabel = "CODE",
      defaultValue = "BROKER_NOT_AVAILABLE",
      description =
          "Error the fenced gateway answers: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
  FenceErrorCode fenceErrorCode;

  @Option(
      names = "--hot-reload",
      description =
          "Run the gateway with spec.hotReload.enabled: changes are applied in place (no pod is"
              + " replaced), each is confirmed by every pod's /config, and the lag-pod and stall-pod"
              + " knobs work.")
  boolean hotReload;

  /** Where knobs are typed; tests replace it. */
  InputStream input = System.in;

  private final CountDownLatch stopped = new CountDownLatch(1);
  private boolean interrupted;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (topics < 1 || rate < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--topics and --rate must be at least 1");
    }
    if (groups < 1 || groups > 10) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--groups must be between 1 and 10, got " + groups);
    }
    requireFreePort();
    Path work = Files.createTempDirectory("cutover-sandbox-");
    long t0 = System.nanoTime();
    out.println(
        "Starting the sandbox ("
            + (groups == 1 ? topics + " topics" : groups + " groups of " + topics + " topics")
            + "; usually under half a minute)...");
    out.flush();
    Sandbox.Options options =
        Sandbox.Options.of(MIGRATION, topics, work)
            .withPolicy("fenceErrorCode", fenceErrorCode.name())
            .withPolicy("detectUnroutedProducersDuration", "10s")
            .withPolicy("requireApproval", "true")
            // Long enough to try the rogue-producer knob after DONE, short enough to wait for.
            .withPolicy("strandedWritesWatchDuration", "1m");
    if (groups == 1) {
      // The pause is one setting of the whole link: groups of one wave that run at once do not
      // pause it (docs/runbook.md, "Migrating many groups").
      options = options.withPausedOffsetSync().withPolicy("consumerOffsetSyncDrainDuration", "3s");
    }
    if (hotReload) {
      options = options.withHotReload();
    }
    options = options.withGroups(groups);
    try (Rehearsal r = Rehearsal.start(options, true, port);
        WorkDir ignored = new WorkDir(work);
        SandboxClients clients = new SandboxClients(r.sandbox(), rate);
        SandboxKnobs knobs = new SandboxKnobs(r.sandbox(), clients, hotReload)) {
      clients.start();
      welcome(out, r, clients, t0);
      Thread console = readKnobs(out, knobs);
      Thread hook = ShutdownHooks.add(stopped::countDown);
      try {
        stopped.await(); // Ctrl+C, `stop`, or in tests an interrupt
      } catch (InterruptedException e) {
        interrupted = true; // kept until the report is out: it waits for the clients to stop
      } finally {
        ShutdownHooks.remove(hook);
        console.interrupt();
      }
      return clients.report(out);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt(); // after everything is closed: closing waits too
      }
    }
  }

  private void requireFreePort() {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.FAILED,
          "port "
              + port
              + " is in use: is `cutover dev`, another sandbox or a Temporal server running? Stop"
              + " it, or start the sandbox on another port with --port (then give the other"
              + " commands --temporal 127.0.0.1:<port>).");
    }
  }

  private void welcome(PrintWriter out, Rehearsal r, SandboxClients clients, long t0) {
    String temporal =
        port == 7233 ? "" : " --temporal " + r.temporalTarget(); // 7233 is the CLI's default
    out.printf(
        "Sandbox ready in %s: %s%n",
        Durations.format(Duration.ofNanos(System.nanoTime() - t0)), r.sandbox().describe());
    out.printf(
        "Temporal (test server, NOT durable, no Web UI) on %s; a Cutover worker polls it.%n",
        r.temporalTarget());
    out.println(clients.describe());
    out.println(
        hotReload
            ? "Gateway: hot reload (each change applied in place and confirmed by every pod's"
                + " /config; the pod knobs below work)."
            : "Gateway: rolling restart (each change replaces the gateway's pods).");
    if (r.sandbox().wave().isPresent()) {
      waveCommands(out, r, temporal);
      return;
    }
    out.println("Manifest: " + r.sandbox().manifest());
    out.println();
    out.println("Try, in another terminal:");
    out.println("  cutover lag-check -f " + r.sandbox().manifest());
    out.println("  cutover init -f " + r.sandbox().manifest() + temporal);
    out.println("  cutover execute " + MIGRATION + temporal + "      # waits for approval");
    out.println("  cutover approve " + MIGRATION + temporal + " --reason 'trying it'");
    out.println("  cutover rollback " + MIGRATION + temporal + "     # any time before PROMOTE");
    out.println("  cutover status " + MIGRATION + temporal);
    out.println("  cutover list" + temporal);
    out.println();
    footer(out);
  }

  /** With several groups: their manifests, and the wave that moves them. */
  private static void waveCommands(PrintWriter out, Rehearsal r, String temporal) {
    Path wave = r.sandbox().wave().orElseThrow();
    out.println("Wave: " + wave);
    for (var g : r.sandbox().groups()) {
      out.println("  group " + g.name() + ": route " + g.route() + ", manifest " + g.manifest());
    }
    out.println();
    out.println("Try, in another terminal:");
    out.println("  cutover wave init -f " + wave + temporal);
    out.println("  cutover wave execute " + MIGRATION + temporal + "   # waits for approval");
    out.println("  cutover wave approve " + MIGRATION + temporal + " --reason 'trying it'");
    out.println("  cutover wave status " + MIGRATION + temporal);
    out.println("  cutover wave rollback " + MIGRATION + temporal + " --reason 'stop here'");
    out.println("  cutover status " + r.sandbox().groups().get(0).name() + temporal);
    out.println();
    footer(out);
  }

  private static void footer(PrintWriter out) {
    out.println(SandboxKnobs.HELP);
    out.println();
    out.println("Ctrl+C stops it.");
    out.flush();
  }

  /** Knobs typed into this terminal; an input that ends (no terminal) just stops listening. */
  private Thread readKnobs(PrintWriter out, SandboxKnobs knobs) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  StringBuilder reply = new StringBuilder();
                  SandboxKnobs.Verdict v = knobs.apply(line, reply);
                  if (!reply.isEmpty()) {
                    synchronized (out) {
                      out.println("» " + reply);
                      out.flush();
                    }
                  }
                  if (v == SandboxKnobs.Verdict.STOP) {
                    stopped.countDown();
                    return;
                  }
                }
              } catch (IOException e) {
                // the terminal went away: Ctrl+C still stops the sandbox
              }
            },
            "sandbox-knobs");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
