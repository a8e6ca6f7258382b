package io.cutover.e2e;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.sandbox.link.ClusterLinkSimulator;
import io.cutover.sandbox.workload.Redeliveries;
import io.cutover.sandbox.workload.Workload;
import io.cutover.sandbox.workload.WorkloadReport;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.OffsetHandoff;
import io.cutover.workflow.model.PolicyOverrides;
import org.junit.jupiter.api.Test;

/**
 * The link syncs none of the consumer group's offsets (its group filter names another group), so
 * without the handoff the group would start on the destination with no committed offset and read
 * every record again (auto.offset.reset=earliest). The handoff writes the source's final offsets
 * while the fence holds: no re-delivery is the handoff's, nothing acknowledged is lost.
 */
class OffsetHandoffIT extends E2EScenario {

  @Test
  void aGroupTheLinkNeverSyncedStartsOnTheDestinationWhereItStoppedOnTheSource() throws Exception {
    init();
    var sandbox = rehearsal.sandbox();
    sandbox
        .link()
        .setConfig(
            ClusterLinkSimulator.OFFSET_GROUP_FILTERS,
            "{\"groupFilters\":[{\"name\":\"another-app\",\"patternType\":\"LITERAL\","
                + "\"filterType\":\"INCLUDE\"}]}");

    MigrationStatus end = executeAndWait(PolicyOverrides.none());
    assertEquals(CutoverStep.DONE, end.step(), end.lastError());
    OffsetHandoff h = end.offsetHandoff();
    assertNotNull(h, "handed over");
    OffsetHandoff.Group app =
        h.listed().stream()
            .filter(g -> g.group().equals(Workload.GROUP))
            .findFirst()
            .orElseThrow(() -> new AssertionError(h.describe()));
    assertEquals(OffsetHandoff.Verdict.WRITTEN, app.verdict(), h.describe());
    assertTrue(app.behind() > 0, "the destination had none of its offsets: " + app.describe());
    awaitAcked(100); // clients keep working, now on the destination

    WorkloadReport r = finish(sandbox.kafka().destinationBootstrap());
    Redeliveries split = workload.redeliveries(sandbox.kafka().sourceBootstrap());
    System.out.println("OffsetHandoffIT: " + split.line());
    assertEquals(0, split.byHandoff(), "re-deliveries caused by the handoff: " + split);
    assertTrue(
        split.byClient() <= 500L * Math.max(1, r.consumerErrors()),
        "the client's own: at most one poll (max.poll.records 500) per refused commit: " + r);
    assertEquals(0, r.lost(), "acknowledged records lost");
    assertEquals(0, r.duplicated(), "records duplicated in the log");
  }
}
