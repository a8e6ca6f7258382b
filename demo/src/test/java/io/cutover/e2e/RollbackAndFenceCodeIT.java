package io.cutover.e2e;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.sandbox.workload.WorkloadReport;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.model.Actor;
import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.PolicyCatalog;
import io.cutover.workflow.model.PolicyOverrides;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Attempt 1 fences with BROKER_NOT_AVAILABLE and is rolled back by the operator during the
 * verification window: clients return to the source, nothing acknowledged is lost, but Java
 * producers failed sends while fenced. Attempt 2 fences with NOT_LEADER_OR_FOLLOWER and completes:
 * no send fails. The measured difference is what docs/sandbox.md reports.
 */
class RollbackAndFenceCodeIT extends E2EScenario {

  @Override
  io.cutover.sandbox.Sandbox.Options options(Path dir) {
    return super.options(dir).withPolicy("detectUnroutedProducersDuration", "20s");
  }

  static PolicyOverrides code(FenceErrorCode c) {
    return PolicyOverrides.none().with(PolicyCatalog.FENCE_ERROR_CODE, c);
  }

  @Test
  void rollbackBeforePromoteRestoresClientsAndOnlyTheRetriableCodeKeepsEverySend()
      throws Exception {
    var sandbox = rehearsal.sandbox();
    init();
    long failedBefore = workload.failed();
    rehearsal.execute(code(FenceErrorCode.BROKER_NOT_AVAILABLE));
    awaitStatus(s -> s.step() == CutoverStep.VERIFY_FENCE, Duration.ofMinutes(2));
    Thread.sleep(3000); // clients meet the fence
    rehearsal.workflow().rollback(Actor.of("e2e", "testing the way back"));
    MigrationStatus rolledBack =
        awaitStatus(s -> s.step() == CutoverStep.ROLLED_BACK, Duration.ofMinutes(2));
    assertEquals(CutoverStep.VERIFY_FENCE, rolledBack.rollbacks().get(0).fromStep());
    assertFalse(sandbox.gateway().fenced());
    assertEquals(
        sandbox.kafka().sourceClusterId(),
        clusterIdThroughGateway(),
        "clients are back on the source");
    long failedWithBna = workload.failed() - failedBefore;
    assertTrue(failedWithBna > 0, "BROKER_NOT_AVAILABLE fails Java sends while fenced");
    awaitAcked(100);

    long failedMark = workload.failed();
    MigrationStatus done = executeAndWait(code(FenceErrorCode.NOT_LEADER_OR_FOLLOWER));
    assertEquals(CutoverStep.DONE, done.step(), done.lastError());
    assertEquals(
        failedMark,
        workload.failed(),
        "NOT_LEADER_OR_FOLLOWER: no send failed during the second fence");

    WorkloadReport r = finish(sandbox.kafka().destinationBootstrap());
    assertEquals(0, r.lost(), "nothing acknowledged was lost in either attempt");
    assertEquals(0, r.duplicated());
    System.out.println(
        "RollbackAndFenceCodeIT: failed sends with BROKER_NOT_AVAILABLE="
            + failedWithBna
            + ", with NOT_LEADER_OR_FOLLOWER=0");
  }
}
