package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.ApprovalTimeoutAction;
import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.Policies;
import io.cutover.workflow.model.PolicyOverrides;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoliciesTest {

  @Test
  void defaultsAreValid() {
    assertEquals(List.of(), Policies.defaults().problems("p."));
  }

  @Test
  void everyBadValueIsReportedWithItsFieldAndTheFix() {
    Policies bad = new Policies(-1, -2, Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(-1), false, false,
        Duration.ZERO, null, Duration.ofSeconds(-5), null, Duration.ZERO);
    List<String> p = bad.problems("spec.defaultPolicies.");
    String all = String.join("\n", p);
    for (String field : List.of("lagThreshold", "promoteBatchSize", "rolloutTimeout", "detectUnroutedProducersDuration",
        "consumerOffsetSyncDrainDuration", "approvalTimeout", "approvalTimeoutAction", "maxFencedDuration",
        "fenceErrorCode", "maxPromoteLagWait")) {
      assertTrue(all.contains("spec.defaultPolicies." + field + ":"), field + " reported in:\n" + all);
    }
  }

  @Test
  void theFenceBudgetMustOutlastTheChecksThatRunWhileFenced() {
    Policies p = new Policies(0, 0, Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(1), true, false,
        Duration.ofHours(1), ApprovalTimeoutAction.ABORT, Duration.ofMinutes(3), FenceErrorCode.BROKER_NOT_AVAILABLE,
        Duration.ofMinutes(10));
    assertTrue(String.join("\n", p.problems("")).contains("maxFencedDuration: must be longer than"));
  }

  @Test
  void anOverrideOfZeroIsHonouredAndNullKeepsTheBase() {
    Policies base = new PolicyOverrides(5L, 3, null, null, null, null, null, null, null, null, null, null)
        .applyTo(Policies.defaults());
    Policies over = new PolicyOverrides(0L, null, null, null, null, null, null, null, null, null,
        FenceErrorCode.NOT_LEADER_OR_FOLLOWER, null).applyTo(base);
    assertEquals(0, over.lagThreshold());
    assertEquals(3, over.promoteBatchSize());
    assertEquals(FenceErrorCode.NOT_LEADER_OR_FOLLOWER, over.fenceErrorCode());
  }

  @Test
  void fenceErrorCodesSayWhatTheyDoToJavaProducers() {
    assertTrue(FenceErrorCode.BROKER_NOT_AVAILABLE.clientImpact().contains("NOT retriable"));
    assertTrue(FenceErrorCode.NOT_LEADER_OR_FOLLOWER.clientImpact().contains("keep their records"));
  }
}
