package io.cutover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.demo.Rehearsal;
import io.cutover.sandbox.Sandbox;
import io.cutover.sandbox.workload.Workload;
import io.cutover.sandbox.workload.WorkloadReport;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.PolicyOverrides;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One sandbox rehearsal per class: real Kafka clusters, the link simulator, the Kroxylicious
 * gateway, the Kubernetes API with its operator, Temporal's test server, a worker with the real
 * activities, and live clients through the gateway.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class E2EScenario {
  Rehearsal rehearsal;
  Workload workload;

  /** The sandbox this class needs; subclasses add policies. */
  Sandbox.Options options(Path dir) {
    return Sandbox.Options.of("e2e", 3, dir)
        .withPolicy("fenceErrorCode", "NOT_LEADER_OR_FOLLOWER")
        // One check at DONE: a test that ends at DONE does not leave a watch running.
        .withPolicy("strandedWritesWatchDuration", "0s");
  }

  @BeforeAll
  void startRehearsal() throws Exception {
    rehearsal = Rehearsal.start(options(Files.createTempDirectory("cutover-e2e-")));
    workload = rehearsal.sandbox().workload(100);
    workload.start();
    awaitAcked(50);
  }

  @AfterAll
  void stopRehearsal() throws Exception {
    if (workload != null) {
      workload.close();
    }
    if (rehearsal != null) {
      rehearsal.close();
    }
  }

  MigrationStatus init() {
    MigrationStatus s = rehearsal.init(Duration.ofMinutes(2));
    assertEquals(
        CutoverStep.AWAIT_EXECUTE, s.step(), () -> "init: " + s.lastError() + " " + s.validation());
    return s;
  }

  /** Sends execute and waits for the attempt to rest (DONE, ROLLED_BACK or held). */
  MigrationStatus executeAndWait(PolicyOverrides overrides) {
    MigrationStatus before = rehearsal.workflow().status();
    rehearsal.execute(overrides);
    // The Update returns after the workflow took it: a retry has already left the hold by then.
    return awaitStatus(
        s ->
            s.resting()
                && !s.watchingForStrandedWrites()
                && (s.attempt() > before.attempt() || before.held()),
        Duration.ofMinutes(4));
  }

  MigrationStatus awaitStatus(Predicate<MigrationStatus> p, Duration timeout) {
    MigrationStatus s = rehearsal.await(p, timeout, x -> {});
    assertTrue(
        p.test(s),
        "timed out; status: step="
            + s.step()
            + " held="
            + s.held()
            + " lastError="
            + s.lastError());
    return s;
  }

  void awaitAcked(long more) throws Exception {
    awaitMore(
        workload::acked,
        more,
        () ->
            "clients made no progress through the gateway: acked="
                + workload.acked()
                + " failed="
                + workload.failed());
  }

  /** A count that may be read from another process. */
  interface Count {
    long get() throws Exception;
  }

  /** Waits up to a minute until {@code count} has grown by {@code more}; fails with {@code why}. */
  static void awaitMore(Count count, long more, Supplier<String> why) throws Exception {
    long target = count.get() + more;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (count.get() < target) {
      assertTrue(System.nanoTime() < deadline, why);
      Thread.sleep(100);
    }
  }

  /** Stops the clients and reads the truth from the cluster they end on. */
  WorkloadReport finish(String finalBootstrap) throws InterruptedException {
    workload.stop(Duration.ofSeconds(30));
    WorkloadReport r = workload.truth(finalBootstrap);
    System.out.println(getClass().getSimpleName() + ": " + r);
    return r;
  }

  String clusterIdThroughGateway() throws Exception {
    try (Admin a =
        Admin.create(
            java.util.Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                rehearsal.sandbox().gateway().bootstrap()))) {
      return a.describeCluster().clusterId().get();
    }
  }
}
