package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.RunReport;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A worker dies mid-step; a new worker resumes and completes. Workers run without sticky queues:
 * the Java test server never releases a dead worker's sticky queue.
 */
class WorkerRestartIT extends CutoverScenario {
  private WorkerFactory first;

  @Override
  protected void registerWorkers() {
    first = newFactory();
    first.start();
  }

  private WorkerFactory newFactory() {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(MigrationWorkflow.TASK_QUEUE, workerOptions());
    worker.registerWorkflowImplementationTypes(MigrationWorkflowImpl.class);
    worker.registerActivitiesImplementations(fake);
    factory
        .newWorker(MigrationWorkflow.controlQueue(MigrationWorkflow.TASK_QUEUE), workerOptions())
        .registerActivitiesImplementations(fake);
    return factory;
  }

  @ParameterizedTest(name = "worker dies in {1}")
  @CsvSource({
    "fenceRoutes, FENCE",
    "detectUnroutedProducers, VERIFY_FENCE",
    "awaitMirrorsStopped, PROMOTE",
  })
  void aNewWorkerResumesAndCompletes(String blockedIn, CutoverStep step)
      throws InterruptedException {
    var policies = Plans.policies(p -> p.with(b -> b.detect = Duration.ofSeconds(10)));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("orders", topics(), policies));
    fake.blocking.add(blockedIn);
    execute(wf);
    awaitStep(wf, step);

    first.shutdownNow();
    first.awaitTermination(10, TimeUnit.SECONDS);
    if (step == CutoverStep.VERIFY_FENCE) {
      fake.gateway =
          FakeSystems.GatewayState.INITIAL; // someone lifted the fence while no worker ran
    }
    fake.blocking.remove(blockedIn);
    WorkerFactory second = newFactory();
    second.start();
    try {
      RunReport report = result(wf);
      assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
      assertEquals(1, report.attempts(), "resumed, not restarted");
      assertTrue(report.rollbacks().isEmpty());
      for (String t : topics()) {
        assertEquals("STOPPED", fake.mirrorStatus.get(t));
      }
      List<String> calls = fake.callNames();
      assertEquals(
          "assertFenced",
          calls.get(calls.indexOf("promoteMirrors") - 2),
          "PROMOTE re-checks the fence before anything else: " + calls);
      if (step == CutoverStep.VERIFY_FENCE) {
        MigrationStatus status = wf.status();
        assertTrue(
            status.notices().stream()
                .anyMatch(n -> n.contains("fence was not live before PROMOTE")),
            "the drifted fence was found and re-applied: " + status.notices());
      }
    } finally {
      second.shutdownNow();
    }
  }
}
