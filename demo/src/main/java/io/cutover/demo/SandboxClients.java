package io.cutover.demo;

import io.cutover.cli.ExitCodes;
import io.cutover.sandbox.Sandbox;
import io.cutover.sandbox.SandboxGroup;
import io.cutover.sandbox.workload.Workload;
import io.cutover.sandbox.workload.WorkloadReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox's live clients: one workload per group, each through its own route, and the loss
 * report at the end: every acknowledged record must be on the cluster the group's clients ended on.
 */
final class SandboxClients implements AutoCloseable {
  private final Sandbox sandbox;
  private final int rate;
  private final List<Workload> workloads = new ArrayList<>();

  /**
   * @param rate records per second of each group's producer
   */
  SandboxClients(Sandbox sandbox, int rate) {
    this.sandbox = sandbox;
    this.rate = rate;
    if (sandbox.groups().size() == 1) {
      workloads.add(sandbox.workload(rate)); // consumer group sandbox-app, as always
    } else {
      sandbox.groups().forEach(g -> workloads.add(g.workload(rate)));
    }
  }

  void start() {
    workloads.forEach(Workload::start);
  }

  /** What runs, for the welcome text. */
  String describe() {
    List<SandboxGroup> groups = sandbox.groups();
    if (groups.size() == 1) {
      return String.format(
          "Clients: %d records/s through the gateway over %d topics, consumer group %s.",
          rate, groups.get(0).topics().size(), Workload.GROUP);
    }
    return String.format(
        "Clients: in each of the %d groups, %d records/s through the group's route over its %d"
            + " topics, consumer group %s-<group>.",
        groups.size(), rate, groups.get(0).topics().size(), Workload.GROUP);
  }

  /** The {@code clients} knob's answer: each group's counts and the address its clients use. */
  String counts() {
    List<SandboxGroup> groups = sandbox.groups();
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      Workload w = workloads.get(i);
      SandboxGroup g = groups.get(i);
      parts.add(
          String.format(
              "%s%d sent, %d acknowledged, %d failed through %s %s",
              groups.size() == 1 ? "" : g.name() + ": ",
              w.sent(),
              w.acked(),
              w.failed(),
              groups.size() == 1 ? "the gateway" : "route " + g.route(),
              g.gateway().bootstrap()));
    }
    return "clients: " + String.join("; ", parts);
  }

  /**
   * Stops the clients and prints each group's loss report.
   *
   * @return {@link ExitCodes#OK} when no group lost an acknowledged record
   */
  int report(PrintWriter out) throws InterruptedException {
    out.println();
    out.println("Stopping the clients...");
    out.flush();
    for (Workload w : workloads) {
      w.stop(Duration.ofSeconds(30));
    }
    List<SandboxGroup> groups = sandbox.groups();
    long lost = 0;
    for (int i = 0; i < groups.size(); i++) {
      lost +=
          report(out, groups.size() == 1 ? "" : " of " + groups.get(i).name(), groups.get(i), i);
    }
    out.println("Stopping the sandbox.");
    out.flush();
    return lost == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private long report(PrintWriter out, String which, SandboxGroup group, int i) {
    boolean onDestination =
        group.gateway().upstream().equals(sandbox.kafka().destinationBootstrap());
    String cluster = onDestination ? "destination" : "source";
    WorkloadReport truth =
        workloads
            .get(i)
            .truth(
                onDestination
                    ? sandbox.kafka().destinationBootstrap()
                    : sandbox.kafka().sourceBootstrap());
    out.printf(
        "Loss report%s (clients ended on the %s): %d sent, %d acknowledged, %d failed, %d lost,"
            + " %d duplicated in the log, %d consumer re-deliveries.%n",
        which,
        cluster,
        truth.sent(),
        truth.acked(),
        truth.failed(),
        truth.lost(),
        truth.duplicated(),
        truth.redelivered());
    out.println(
        truth.lost() == 0
            ? "✔ every acknowledged record" + which + " is on the " + cluster + "."
            : "✖ "
                + truth.lost()
                + " acknowledged record(s)"
                + which
                + " are missing from the "
                + cluster
                + ".");
    return truth.lost();
  }

  @Override
  public void close() throws InterruptedException {
    for (Workload w : workloads) {
      w.close();
    }
  }
}
