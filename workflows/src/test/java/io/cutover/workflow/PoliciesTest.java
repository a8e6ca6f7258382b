package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.Policies;
import io.cutover.workflow.model.PolicyCatalog;
import io.cutover.workflow.model.PolicyDescriptor;
import io.cutover.workflow.model.PolicyOverrides;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoliciesTest {

  @Test
  void defaultsAreValid() {
    assertEquals(List.of(), Policies.defaults().problems("p."));
  }

  @Test
  void everyBadValueIsReportedWithItsFieldAndTheFix() {
    Policies bad =
        Policies.defaults()
            .with(PolicyCatalog.LAG_THRESHOLD, -1L)
            .with(PolicyCatalog.PROMOTE_BATCH_SIZE, -2)
            .with(PolicyCatalog.ROLLOUT_TIMEOUT, Duration.ZERO)
            .with(PolicyCatalog.DETECT_UNROUTED_PRODUCERS_DURATION, Duration.ofSeconds(5))
            .with(PolicyCatalog.CONSUMER_OFFSET_SYNC_DRAIN_DURATION, Duration.ofSeconds(-1))
            .with(PolicyCatalog.APPROVAL_TIMEOUT, Duration.ZERO)
            .with(PolicyCatalog.APPROVAL_TIMEOUT_ACTION, null)
            .with(PolicyCatalog.MAX_FENCED_DURATION, Duration.ofSeconds(-5))
            .with(PolicyCatalog.FENCE_ERROR_CODE, null)
            .with(PolicyCatalog.MAX_PROMOTE_LAG_WAIT, Duration.ZERO);
    List<String> p = bad.problems("spec.defaultPolicies.");
    String all = String.join("\n", p);
    for (String field :
        List.of(
            "lagThreshold",
            "promoteBatchSize",
            "rolloutTimeout",
            "detectUnroutedProducersDuration",
            "consumerOffsetSyncDrainDuration",
            "approvalTimeout",
            "approvalTimeoutAction",
            "maxFencedDuration",
            "fenceErrorCode",
            "maxPromoteLagWait")) {
      assertTrue(
          all.contains("spec.defaultPolicies." + field + ":"), field + " reported in:\n" + all);
    }
  }

  @Test
  void theFenceBudgetMustOutlastTheChecksThatRunWhileFenced() {
    Policies p =
        Policies.defaults()
            .with(PolicyCatalog.DETECT_UNROUTED_PRODUCERS_DURATION, Duration.ofMinutes(2))
            .with(PolicyCatalog.CONSUMER_OFFSET_SYNC_DRAIN_DURATION, Duration.ofMinutes(1))
            .with(PolicyCatalog.PAUSE_CONSUMER_OFFSET_SYNC, true)
            .with(PolicyCatalog.MAX_FENCED_DURATION, Duration.ofMinutes(3));
    assertEquals(
        List.of(
            "maxFencedDuration: must be longer than detectUnroutedProducersDuration plus"
                + " consumerOffsetSyncDrainDuration (3m), or the fence budget runs out before PROMOTE can begin; got 3m"),
        p.problems(""));
  }

  @Test
  void anOverrideOfZeroIsHonouredAndNullKeepsTheBase() {
    Policies base =
        PolicyOverrides.none()
            .with(PolicyCatalog.LAG_THRESHOLD, 5L)
            .with(PolicyCatalog.PROMOTE_BATCH_SIZE, 3)
            .applyTo(Policies.defaults());
    PolicyOverrides over =
        PolicyOverrides.none()
            .with(PolicyCatalog.LAG_THRESHOLD, 0L)
            .with(PolicyCatalog.FENCE_ERROR_CODE, FenceErrorCode.NOT_LEADER_OR_FOLLOWER);
    Policies next = over.applyTo(base);
    assertEquals(0, next.lagThreshold());
    assertEquals(3, next.promoteBatchSize());
    assertEquals(FenceErrorCode.NOT_LEADER_OR_FOLLOWER, next.fenceErrorCode());
    assertEquals(List.of("lagThreshold", "fenceErrorCode"), over.changes(base));
  }

  @Test
  void theDefaultsAreTheDescriptorsDefaults() {
    Policies d = Policies.defaults();
    // The values Policies.defaults() returned before the descriptors existed.
    assertEquals(
        List.of(
            0L,
            0,
            Duration.ofMinutes(10),
            Duration.ZERO,
            Duration.ZERO,
            false,
            false,
            Duration.ofHours(24),
            io.cutover.workflow.model.ApprovalTimeoutAction.ABORT,
            Duration.ofMinutes(10),
            FenceErrorCode.BROKER_NOT_AVAILABLE,
            Duration.ofMinutes(10)),
        List.of(
            d.lagThreshold(),
            d.promoteBatchSize(),
            d.rolloutTimeout(),
            d.detectUnroutedProducersDuration(),
            d.consumerOffsetSyncDrainDuration(),
            d.pauseConsumerOffsetSync(),
            d.requireApproval(),
            d.approvalTimeout(),
            d.approvalTimeoutAction(),
            d.maxFencedDuration(),
            d.fenceErrorCode(),
            d.maxPromoteLagWait()));
    PolicyCatalog.ALL.forEach(p -> assertEquals(p.defaultValue(), p.get(d), p.name()));
  }

  @Test
  void everyComponentOfBothRecordsHasItsDescriptorInTheSameOrder() {
    List<String> names = PolicyCatalog.ALL.stream().map(PolicyDescriptor::name).toList();
    assertEquals(
        names,
        Arrays.stream(Policies.class.getRecordComponents()).map(RecordComponent::getName).toList());
    assertEquals(
        names,
        Arrays.stream(PolicyOverrides.class.getRecordComponents())
            .map(RecordComponent::getName)
            .toList());
  }

  @Test
  void aRetryMayChangeOnlyWhatBoundsAWaitOrSizesABatch() {
    assertEquals(
        List.of(
            "promoteBatchSize",
            "rolloutTimeout",
            "maxPromoteLagWait",
            "strandedWritesWatchDuration"),
        Policies.RETRY_SAFE);
  }

  @Test
  void fenceErrorCodesSayWhatTheyDoToJavaProducers() {
    assertTrue(FenceErrorCode.BROKER_NOT_AVAILABLE.clientImpact().contains("NOT retriable"));
    assertTrue(FenceErrorCode.NOT_LEADER_OR_FOLLOWER.clientImpact().contains("keep their records"));
  }
}
