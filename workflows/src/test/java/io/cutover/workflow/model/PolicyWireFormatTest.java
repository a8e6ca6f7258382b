package io.cutover.workflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.DataConverter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Policies and PolicyOverrides are in every history (the plan, every execute): their JSON, as Temporal's
 * default converter writes it, is pinned here to what the recorded histories hold.
 */
class PolicyWireFormatTest {
  private static final DataConverter CONVERTER = DefaultDataConverter.STANDARD_INSTANCE;
  /** As in histories/happy-path.json, WorkflowExecutionStarted. */
  private static final String POLICIES = "{\"lagThreshold\":0,\"promoteBatchSize\":2,\"rolloutTimeout\":600.000000000,"
      + "\"detectUnroutedProducersDuration\":10.000000000,\"consumerOffsetSyncDrainDuration\":0.0,"
      + "\"pauseConsumerOffsetSync\":true,\"requireApproval\":true,\"approvalTimeout\":86400.000000000,"
      + "\"approvalTimeoutAction\":\"ABORT\",\"maxFencedDuration\":600.000000000,"
      + "\"fenceErrorCode\":\"BROKER_NOT_AVAILABLE\",\"maxPromoteLagWait\":600.000000000}";
  /** As in every recorded execute Update without overrides. */
  private static final String NO_OVERRIDES = "{\"lagThreshold\":null,\"promoteBatchSize\":null,\"rolloutTimeout\":null,"
      + "\"detectUnroutedProducersDuration\":null,\"consumerOffsetSyncDrainDuration\":null,"
      + "\"pauseConsumerOffsetSync\":null,\"requireApproval\":null,\"approvalTimeout\":null,"
      + "\"approvalTimeoutAction\":null,\"maxFencedDuration\":null,\"fenceErrorCode\":null,\"maxPromoteLagWait\":null}";

  private static String json(Object value) {
    return CONVERTER.toPayload(value).orElseThrow().getData().toString(StandardCharsets.UTF_8);
  }

  private static <T> T read(String json, Class<T> type) {
    var payload = CONVERTER.toPayload(json).orElseThrow().toBuilder()
        .setData(com.google.protobuf.ByteString.copyFromUtf8(json)).build();
    return CONVERTER.fromPayload(payload, type, type);
  }

  private static Policies recorded() {
    return new Policies(0, 2, Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ZERO, true, true,
        Duration.ofHours(24), ApprovalTimeoutAction.ABORT, Duration.ofMinutes(10), FenceErrorCode.BROKER_NOT_AVAILABLE,
        Duration.ofMinutes(10));
  }

  @Test
  void policiesAreWrittenAsTheRecordedHistoriesHoldThem() {
    assertEquals(POLICIES, json(recorded()));
    assertEquals(recorded(), read(POLICIES, Policies.class));
  }

  @Test
  void overridesAreWrittenAsTheRecordedHistoriesHoldThem() {
    assertEquals(NO_OVERRIDES, json(PolicyOverrides.none()));
    assertEquals(PolicyOverrides.none(), read(NO_OVERRIDES, PolicyOverrides.class));
    PolicyOverrides some = new PolicyOverrides(5L, null, Duration.ofMinutes(15), null, null, true, null, null,
        ApprovalTimeoutAction.KEEP_WAITING, null, FenceErrorCode.NOT_LEADER_OR_FOLLOWER, null);
    assertEquals(some, read(json(some), PolicyOverrides.class));
    assertEquals(NO_OVERRIDES.replace("\"lagThreshold\":null", "\"lagThreshold\":5")
        .replace("\"rolloutTimeout\":null", "\"rolloutTimeout\":900.000000000")
        .replace("\"pauseConsumerOffsetSync\":null", "\"pauseConsumerOffsetSync\":true")
        .replace("\"approvalTimeoutAction\":null", "\"approvalTimeoutAction\":\"KEEP_WAITING\"")
        .replace("\"fenceErrorCode\":null", "\"fenceErrorCode\":\"NOT_LEADER_OR_FOLLOWER\""), json(some));
  }
}
