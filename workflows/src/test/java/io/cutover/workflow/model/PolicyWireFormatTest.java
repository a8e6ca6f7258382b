package io.cutover.workflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Policies and PolicyOverrides are in every history (the plan, every execute): their JSON, as
 * Temporal's default converter writes it, is pinned here to what the recorded histories hold. A
 * policy added later appends its component, so the recorded JSON stays a prefix of today's and
 * still reads.
 */
class PolicyWireFormatTest {
  private static final DataConverter CONVERTER = DefaultDataConverter.STANDARD_INSTANCE;

  /** As in histories/happy-path.json, WorkflowExecutionStarted. */
  private static final String POLICIES =
      "{\"lagThreshold\":0,\"promoteBatchSize\":2,\"rolloutTimeout\":600.000000000,"
          + "\"detectUnroutedProducersDuration\":10.000000000,\"consumerOffsetSyncDrainDuration\":0.0,"
          + "\"pauseConsumerOffsetSync\":true,\"requireApproval\":true,\"approvalTimeout\":86400.000000000,"
          + "\"approvalTimeoutAction\":\"ABORT\",\"maxFencedDuration\":600.000000000,"
          + "\"fenceErrorCode\":\"BROKER_NOT_AVAILABLE\",\"maxPromoteLagWait\":600.000000000}";

  /** As in every recorded execute Update without overrides. */
  private static final String NO_OVERRIDES =
      "{\"lagThreshold\":null,\"promoteBatchSize\":null,\"rolloutTimeout\":null,"
          + "\"detectUnroutedProducersDuration\":null,\"consumerOffsetSyncDrainDuration\":null,"
          + "\"pauseConsumerOffsetSync\":null,\"requireApproval\":null,\"approvalTimeout\":null,"
          + "\"approvalTimeoutAction\":null,\"maxFencedDuration\":null,\"fenceErrorCode\":null,\"maxPromoteLagWait\":null}";

  private static String json(Object value) {
    return CONVERTER.toPayload(value).orElseThrow().getData().toString(StandardCharsets.UTF_8);
  }

  private static <T> T read(String json, Class<T> type) {
    var payload =
        CONVERTER.toPayload(json).orElseThrow().toBuilder()
            .setData(com.google.protobuf.ByteString.copyFromUtf8(json))
            .build();
    return CONVERTER.fromPayload(payload, type, type);
  }

  private static Policies recorded() {
    return Policies.defaults()
        .with(PolicyCatalog.PROMOTE_BATCH_SIZE, 2)
        .with(PolicyCatalog.DETECT_UNROUTED_PRODUCERS_DURATION, Duration.ofSeconds(10))
        .with(PolicyCatalog.PAUSE_CONSUMER_OFFSET_SYNC, true)
        .with(PolicyCatalog.REQUIRE_APPROVAL, true);
  }

  private static void assertPrefix(String recorded, String now) {
    String open = recorded.substring(0, recorded.length() - 1);
    assertTrue(
        now.equals(recorded) || now.startsWith(open + ","),
        "recorded:\n" + recorded + "\nnow:\n" + now);
  }

  /**
   * Every policy the recorded JSON holds reads back as recorded (a policy added since is not in
   * it).
   */
  private static void assertReadsBack(String recorded, Policies expected, Policies read) {
    for (PolicyDescriptor<?> d : PolicyCatalog.ALL) {
      if (recorded.contains("\"" + d.name() + "\":")) {
        assertEquals(d.get(expected), d.get(read), d.name());
      }
    }
  }

  @Test
  void policiesAreWrittenAsTheRecordedHistoriesHoldThem() {
    assertPrefix(POLICIES, json(recorded()));
    assertReadsBack(POLICIES, recorded(), read(POLICIES, Policies.class));
  }

  @Test
  void aPolicyTheRecordedPlanLacksReadsAsItsDefaultAndPassesValidation() {
    // A run started before strandedWritesWatchDuration existed carries a plan without it into
    // every continue-as-new; its next execute must not be refused for a value it never had.
    Policies read = read(POLICIES, Policies.class);
    assertEquals(
        PolicyCatalog.STRANDED_WRITES_WATCH_DURATION.defaultValue(),
        read.strandedWritesWatchDuration());
    assertEquals(java.util.List.of(), read.problems("spec.defaultPolicies."));
  }

  @Test
  void overridesAreWrittenAsTheRecordedHistoriesHoldThem() {
    assertPrefix(NO_OVERRIDES, json(PolicyOverrides.none()));
    assertEquals(PolicyOverrides.none(), read(NO_OVERRIDES, PolicyOverrides.class));
    PolicyOverrides some =
        PolicyOverrides.none()
            .with(PolicyCatalog.LAG_THRESHOLD, 5L)
            .with(PolicyCatalog.ROLLOUT_TIMEOUT, Duration.ofMinutes(15))
            .with(PolicyCatalog.PAUSE_CONSUMER_OFFSET_SYNC, true)
            .with(PolicyCatalog.APPROVAL_TIMEOUT_ACTION, ApprovalTimeoutAction.KEEP_WAITING)
            .with(PolicyCatalog.FENCE_ERROR_CODE, FenceErrorCode.NOT_LEADER_OR_FOLLOWER);
    assertEquals(some, read(json(some), PolicyOverrides.class));
    assertPrefix(
        NO_OVERRIDES
            .replace("\"lagThreshold\":null", "\"lagThreshold\":5")
            .replace("\"rolloutTimeout\":null", "\"rolloutTimeout\":900.000000000")
            .replace("\"pauseConsumerOffsetSync\":null", "\"pauseConsumerOffsetSync\":true")
            .replace("\"approvalTimeoutAction\":null", "\"approvalTimeoutAction\":\"KEEP_WAITING\"")
            .replace("\"fenceErrorCode\":null", "\"fenceErrorCode\":\"NOT_LEADER_OR_FOLLOWER\""),
        json(some));
  }
}
