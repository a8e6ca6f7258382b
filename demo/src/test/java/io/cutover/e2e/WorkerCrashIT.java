package io.cutover.e2e;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.sandbox.link.LinkFaults;
import io.cutover.sandbox.workload.WorkloadReport;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.PolicyOverrides;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The worker dies during PROMOTE; a new worker resumes. Also: the Confluent REST API answers 503
 * and 429 storms throughout, and Temporal's retries carry the run through them.
 */
class WorkerCrashIT extends E2EScenario {

  @Test
  void aNewWorkerResumesAfterACrashDuringPromoteThroughRestStorms() throws Exception {
    var sandbox = rehearsal.sandbox();
    init();
    String stuck = sandbox.topics().get(1);
    sandbox.link().faults().holdPendingStopped(stuck);
    sandbox.link().faults().failFraction(0.3, LinkFaults.Fault.SERVICE_UNAVAILABLE);
    rehearsal.execute(PolicyOverrides.none());
    awaitStatus(
        s -> s.step() == CutoverStep.PROMOTE && s.pointOfNoReturnPassed(), Duration.ofMinutes(3));

    rehearsal.killWorker();
    sandbox.link().faults().clear();
    sandbox.link().faults().failNext(5, LinkFaults.Fault.TOO_MANY_REQUESTS);
    sandbox.link().faults().releasePendingStopped(stuck);
    rehearsal.startWorker();

    MigrationStatus end = awaitStatus(MigrationStatus::resting, Duration.ofMinutes(4));
    assertEquals(CutoverStep.DONE, end.step(), end.lastError());
    assertEquals(1, end.attempt(), "resumed, not restarted");
    assertTrue(sandbox.link().faults().injectedCount() > 0, "the storms did happen");
    assertEquals(sandbox.kafka().destinationClusterId(), clusterIdThroughGateway());

    WorkloadReport r = finish(sandbox.kafka().destinationBootstrap());
    assertEquals(0, r.lost());
    assertEquals(0, r.duplicated());
  }
}
