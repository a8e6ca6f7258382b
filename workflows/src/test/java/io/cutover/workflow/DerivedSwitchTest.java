package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cutover.workflow.activity.GatewayActivities.SwitchRequest;
import io.cutover.workflow.model.GatewaySpec;
import io.cutover.workflow.model.MigrationPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SWITCH sends what the activity needs to derive the switch: the VALIDATE snapshot, the routes, the
 * domain.
 */
class DerivedSwitchTest extends CutoverScenario {

  private static MigrationPlan derived(List<String> topics) {
    MigrationPlan p = Plans.plan(topics);
    GatewaySpec g = p.gateway();
    GatewaySpec switchless =
        new GatewaySpec(
            g.namespace(),
            g.name(),
            g.kubeconfig(),
            g.kubeContext(),
            "",
            "",
            g.fenceRoutes(),
            "confluent-cloud");
    return new MigrationPlan(
        p.name(), p.source(), p.destination(), p.linkName(), switchless, p.topics(), p.policies());
  }

  @Test
  void aDerivedSwitchCallsTheSameActivityWithTheSnapshotRoutesAndTargetDomain() {
    MigrationWorkflow wf = startAndAwaitExecute(derived(topics()));
    execute(wf);
    result(wf);

    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
    assertEquals(1, fake.switchRequests.size());
    SwitchRequest r = fake.switchRequests.get(0);
    assertEquals("", r.switchoverCr());
    assertEquals("confluent-cloud", r.targetStreamingDomain());
    assertEquals(List.of("migration-route"), r.routes());
    assertEquals(
        "{\"kind\":\"Gateway\"}",
        r.base().crJson(),
        "the snapshot VALIDATE took, as the fence uses");
  }

  @Test
  void aSwitchoverCrPlanSendsNoSnapshotButItsRoutes() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    execute(wf);
    result(wf);

    SwitchRequest r = fake.switchRequests.get(0);
    assertEquals("kind: Gateway\n", r.switchoverCr());
    assertNull(r.base(), "history keeps one copy of the snapshot, not two");
    assertEquals(
        List.of("migration-route"),
        r.routes(),
        "the file sets these routes; the gateway's other routes stay as they are live");
  }
}
