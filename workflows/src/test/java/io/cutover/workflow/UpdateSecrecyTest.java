package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.DestinationCluster;
import io.cutover.workflow.model.ExecuteRequest;
import io.cutover.workflow.model.MigrationPlan;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import org.junit.jupiter.api.Test;

/**
 * A plan or Update that arrives through the API (not the CLI) with a credential in it is refused by
 * the Update validator, so it never reaches history.
 */
class UpdateSecrecyTest extends CutoverScenario {
  static final String SENTINEL = "Upd8-Sentinel-44c1";

  @Test
  void reinitWithACredentialInThePlanIsRejectedAndNotRecorded() {
    MigrationPlan good = Plans.plan(topics());
    MigrationWorkflow wf = startAndAwaitExecute(good);
    DestinationCluster d = good.destination();
    MigrationPlan bad =
        new MigrationPlan(
            good.name(),
            good.source(),
            new DestinationCluster(
                d.type(),
                d.clusterId(),
                d.bootstrapServers(),
                "https://key:" + SENTINEL + "@pkc-x.confluent.cloud:443",
                d.kafkaCredentials(),
                d.restCredentials()),
            good.linkName(),
            good.gateway(),
            good.topics(),
            good.policies());

    var e = assertThrows(WorkflowUpdateException.class, () -> wf.reinit(bad));
    String msg = e.getCause().getMessage();
    assertTrue(msg.contains("spec.target.kafka.restEndpoint: holds user info"), msg);
    assertFalse(msg.contains(SENTINEL), msg);
    var who =
        assertThrows(
            WorkflowUpdateException.class,
            () -> wf.execute(new ExecuteRequest("alice:" + SENTINEL + "@host:1", null)));
    assertFalse(who.getCause().getMessage().contains(SENTINEL));
    var reason =
        assertThrows(
            WorkflowUpdateException.class,
            () ->
                wf.approve(
                    io.cutover.workflow.model.Actor.of(
                        "carol", "see https://u:" + SENTINEL + "@wiki/x")));
    assertTrue(
        reason.getCause().getMessage().contains("reason: holds"), reason.getCause().getMessage());
    assertFalse(reason.getCause().getMessage().contains(SENTINEL));

    assertEquals(1, fake.count("validatePlan"), "the bad plan was never validated");
    String history =
        SecretsTest.decodedPayloads(
            client
                .fetchHistory(WorkflowStub.fromTyped(wf).getExecution().getWorkflowId())
                .toJson(true));
    assertFalse(history.contains(SENTINEL), "a rejected Update leaves nothing in history");
  }
}
