package io.cutover.cli;

import io.cutover.activities.clusterlink.ClusterLinkClient;
import io.cutover.activities.clusterlink.ClusterLinkException;
import io.cutover.activities.clusterlink.ClusterLinkOptions;
import io.cutover.activities.clusterlink.LinkAddress;
import io.cutover.activities.clusterlink.MirrorTopic;
import io.cutover.activities.credentials.CredentialException;
import io.cutover.activities.credentials.CredentialResolver;
import io.cutover.activities.credentials.DefaultCredentialResolver;
import io.cutover.manifest.ManifestException;
import io.cutover.manifest.ManifestParser;
import io.cutover.manifest.ManifestPlans;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.MigrationPlan;
import io.micronaut.context.annotation.Prototype;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Prototype
@Command(
    name = "lag-check",
    mixinStandardHelpOptions = true,
    header = "Shows the mirror lag of every topic on the cluster link.",
    description = {
      "Shows every mirror topic on the manifest's cluster link with its status, total lag and a trend, and"
          + " refreshes the table until Ctrl+C. Reads the Confluent REST API directly (read-only): it works before"
          + " init and needs no Temporal.",
      "It authenticates as the worker does, with spec.target.kafka.restCredentials in any form (api_key and"
          + " api_secret, basic, bearer or mtls) or the key derived from a sasl_plain destination.",
      "Lag here is the link's own mirror_lags; execute's lag gate measures end offsets on both clusters."
    },
    footer = {
      "%nExamples:",
      "  cutover lag-check -f migration.yaml",
      "  cutover lag-check -f migration.yaml --once",
      ExitCodes.HELP
    })
public class LagCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "MANIFEST",
      description = "GatewayMigration manifest.")
  Path manifest;

  @Option(
      names = "--interval",
      defaultValue = "5s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Time between refreshes, 1s to 60s (default ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--once", description = "Print one table and exit (for scripts).")
  boolean once;

  @Override
  public Integer call() throws InterruptedException {
    if (interval.compareTo(Duration.ofSeconds(1)) < 0
        || interval.compareTo(Duration.ofSeconds(60)) > 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--interval: must be between 1s and 60s, got "
              + io.cutover.workflow.model.Durations.format(interval));
    }
    MigrationPlan plan;
    try {
      plan = ManifestPlans.toPlan(new ManifestParser(System.getenv(), false).parse(manifest));
    } catch (ManifestException e) {
      throw new CliException(ExitCodes.FAILED, e.getMessage());
    }
    CredentialResolver resolver = DefaultCredentialResolver.fromSystemEnvironment();
    Targets.Link link = Targets.Link.of(plan);
    ClusterLinkClient client;
    try {
      client =
          ClusterLinkClient.create(
              LinkAddress.of(link),
              resolver.rest(link.credentials()),
              ClusterLinkOptions.defaults());
    } catch (CredentialException e) {
      // The resolver speaks as the worker; lag-check reads the credentials here, where it runs.
      throw new CliException(
          ExitCodes.FAILED,
          "lag-check reads the destination's REST credentials on this machine"
              + " and cannot: "
              + e.getMessage().replace(" on this worker", " here")
              + ". Fix"
              + " spec.target.kafka.restCredentials (or kafka.credentials, which it defaults to) in "
              + manifest
              + ".");
    } catch (ClusterLinkException e) {
      // A CA or client certificate file the HTTP client cannot use (read when it is built).
      throw new CliException(
          ExitCodes.FAILED,
          "lag-check cannot set up the REST client for "
              + plan.destination().restEndpoint()
              + ": "
              + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    LagTable table = new LagTable();
    boolean interactive = !once && Terminal.attached();
    while (true) {
      String error = null;
      try {
        table.record(client.listMirrors());
      } catch (ClusterLinkException e) {
        if (once) {
          throw new CliException(
              ExitCodes.FAILED,
              "cannot read mirror topics of link " + plan.linkName() + ": " + e.getMessage());
        }
        error = e.getMessage();
      }
      if (interactive) {
        out.print("\033[H\033[2J");
      }
      out.printf(
          "Mirror topic lag: link %s on %s (%s)   %s, every %s%s%n",
          plan.linkName(),
          plan.destination().clusterId(),
          plan.destination().restEndpoint(),
          Printer.time(Instant.now()),
          io.cutover.workflow.model.Durations.format(interval),
          error == null ? "" : "   ⚠ " + error + " (retrying)");
      out.println(table.render());
      out.flush();
      if (once) {
        return ExitCodes.OK;
      }
      Thread.sleep(interval.toMillis());
    }
  }

  /** Keeps the last 30 total lags per topic and renders the table with a sparkline trend. */
  static final class LagTable {
    static final int HISTORY = 30;
    private static final char[] BARS = "▁▂▃▄▅▆▇█".toCharArray();
    private final java.util.Map<String, java.util.ArrayDeque<Long>> history =
        new java.util.TreeMap<>();
    private List<MirrorTopic> latest = List.of();

    void record(List<MirrorTopic> mirrors) {
      latest =
          mirrors.stream()
              .sorted(
                  java.util.Comparator.comparing(
                          (MirrorTopic m) -> !MirrorTopic.ACTIVE.equals(m.mirrorStatus()))
                      .thenComparing(MirrorTopic::mirrorTopicName))
              .toList();
      for (MirrorTopic m : mirrors) {
        var h = history.computeIfAbsent(m.mirrorTopicName(), k -> new java.util.ArrayDeque<>());
        h.addLast(m.totalLag());
        if (h.size() > HISTORY) {
          h.removeFirst();
        }
      }
    }

    String render() {
      if (latest.isEmpty()) {
        return "No mirror topics found.";
      }
      StringBuilder sb =
          new StringBuilder(
              String.format("%-40s %-16s %14s  %s%n", "TOPIC", "STATUS", "TOTAL LAG", "TREND"));
      for (MirrorTopic m : latest) {
        sb.append(
            String.format(
                "%-40s %-16s %,14d  %s%n",
                m.mirrorTopicName(),
                m.mirrorStatus(),
                m.totalLag(),
                sparkline(
                    history.getOrDefault(m.mirrorTopicName(), new java.util.ArrayDeque<>()))));
      }
      return sb.toString();
    }

    static String sparkline(java.util.Collection<Long> values) {
      if (values.isEmpty()) {
        return "-";
      }
      long max = values.stream().mapToLong(Long::longValue).max().orElse(0);
      StringBuilder sb = new StringBuilder();
      for (long v : values) {
        int idx = max == 0 ? 0 : (int) Math.min(BARS.length - 1, v * (BARS.length - 1) / max);
        sb.append(BARS[idx]);
      }
      return sb.toString();
    }
  }
}
