package io.cutover.demo.bench;

import io.cutover.demo.Rehearsal;
import io.cutover.demo.WorkDir;
import io.cutover.sandbox.Sandbox;
import io.cutover.sandbox.link.MirrorSnapshot;
import io.cutover.sandbox.link.MirrorState;
import io.cutover.sandbox.workload.Workload;
import io.cutover.sandbox.workload.WorkloadReport;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.model.Durations;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.PolicyOverrides;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One real cutover in a fresh sandbox, with live clients and the worker's production poll
 * intervals, measured by {@link FencedBreakdown}.
 */
final class FencedRun {
  /** How the mirrors are promoted. */
  enum Strategy {
    /** Cutover's default: every topic in one promote request. */
    BATCHED,
    /** The vendor guide's: one topic per promote, each once its lag is 0 (promoteBatchSize 1). */
    ONE_BY_ONE;

    String label() {
      return this == BATCHED ? "batched" : "one-by-one";
    }
  }

  /** How the gateway applies a change (docs/sandbox.md, "Hot-reload gateway"). */
  enum Gateway {
    /** Each change rolls the gateway's pods. */
    ROLLING,
    /** spec.hotReload.enabled: each change applied in place, confirmed by every pod's /config. */
    HOT_RELOAD;

    String label() {
      return this == ROLLING ? "rolling" : "hot-reload";
    }
  }

  /** One configuration of the benchmark. */
  record Config(int topics, Strategy strategy, Duration verify, Duration drain, Gateway gateway) {
    /** A configuration on a rolling-restart gateway. */
    Config(int topics, Strategy strategy, Duration verify, Duration drain) {
      this(topics, strategy, verify, drain, Gateway.ROLLING);
    }

    String label() {
      return "topics="
          + topics
          + " strategy="
          + strategy.label()
          + " verify_s="
          + verify.toSeconds()
          + " drain_s="
          + drain.toSeconds()
          + " gateway="
          + gateway.label();
    }

    String fileName() {
      return "fenced-"
          + topics
          + "-"
          + strategy.label()
          + "-verify"
          + verify.toSeconds()
          + "s-drain"
          + drain.toSeconds()
          + "s"
          + (gateway == Gateway.ROLLING ? "" : "-" + gateway.label());
    }
  }

  /** What one run measured. */
  record Result(
      Config config,
      FencedBreakdown breakdown,
      ActivityTimeline activities,
      WorkloadReport clients) {}

  static final int RATE = 200;

  private FencedRun() {}

  static Result run(Config c) throws IOException, InterruptedException {
    try (WorkDir work = WorkDir.create("cutover-bench-")) {
      return run(c, work.dir());
    }
  }

  private static Result run(Config c, Path work) throws IOException, InterruptedException {
    Sandbox.Options options =
        Sandbox.Options.of("bench", c.topics(), work)
            // Clients wait instead of failing, so every record is accounted for.
            .withPolicy("fenceErrorCode", "NOT_LEADER_OR_FOLLOWER")
            .withPolicy("detectUnroutedProducersDuration", Durations.format(c.verify()))
            .withPolicy("promoteBatchSize", c.strategy() == Strategy.BATCHED ? "0" : "1")
            .withPolicy("maxFencedDuration", "10m")
            // The watch after DONE is outside the fenced window: one check.
            .withPolicy("strandedWritesWatchDuration", "0s");
    if (c.gateway() == Gateway.HOT_RELOAD) {
      options = options.withHotReload();
    }
    if (!c.drain().isZero()) {
      options =
          options
              .withPausedOffsetSync()
              .withPolicy("consumerOffsetSyncDrainDuration", Durations.format(c.drain()));
    }
    try (Rehearsal r = Rehearsal.start(options, true)) {
      Workload workload = r.sandbox().workload(RATE);
      workload.start();
      Thread.sleep(3000);
      MigrationStatus init = r.init(Duration.ofMinutes(3));
      if (init.step() != CutoverStep.AWAIT_EXECUTE) {
        throw new IllegalStateException("init did not pass: " + init.lastError());
      }
      r.execute(PolicyOverrides.none());
      MigrationStatus end =
          r.await(
              s -> s.attempt() >= 1 && s.resting() && !s.watchingForStrandedWrites(),
              Duration.ofMinutes(20),
              s -> {});
      workload.stop(Duration.ofSeconds(30));
      WorkloadReport clients = workload.truth(r.sandbox().kafka().destinationBootstrap());
      List<Instant> stopped =
          r.sandbox().link().mirrors().stream()
              .filter(m -> m.state() == MirrorState.STOPPED)
              .map(MirrorSnapshot::stateTimeMs)
              .map(Instant::ofEpochMilli)
              .toList();
      FencedBreakdown b =
          FencedBreakdown.of(
              end, r.sandbox().kube().operator().applied().all(), stopped, c.verify(), c.drain());
      ActivityTimeline activities =
          ActivityTimeline.of(r.client(), r.plan().workflowId(), b.from(), b.to());
      return new Result(c, b, activities, clients);
    }
  }
}
