package io.cutover.manifest;

import io.cutover.workflow.model.ApprovalTimeoutAction;
import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.PolicyOverrides;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code spec.defaultPolicies} (plus {@code spec.clusterLink.pauseConsumerOffsetSync}) as
 * {@link PolicyOverrides}: a field the manifest does not set stays null, so the defaults apply.
 * The value checks themselves are {@code Policies.problems}, run by the parser on the overlay.
 */
final class PolicyReader {

  static final Set<String> KCP_KEYS = Set.of(
      "lagThreshold", "promoteBatchSize", "rolloutTimeout", "detectUnroutedProducersDuration",
      "consumerOffsetSyncDrainDuration");
  static final Set<String> CUTOVER_KEYS = Set.of(
      "requireApproval", "approvalTimeout", "approvalTimeoutAction", "maxFencedDuration", "fenceErrorCode",
      "maxPromoteLagWait");

  private PolicyReader() {}

  /**
   * Reads the policy block.
   *
   * @param pause {@code spec.clusterLink.pauseConsumerOffsetSync}, null when absent
   * @param cutoverApi whether the cutover-only keys are allowed
   * @param warnings where notes about kcp values read differently go
   */
  static PolicyOverrides read(Section s, Boolean pause, boolean cutoverApi, List<String> warnings) {
    Set<String> allowed = new LinkedHashSet<>(KCP_KEYS);
    Map<String, String> hints = new HashMap<>();
    if (cutoverApi) {
      allowed.addAll(CUTOVER_KEYS);
    } else {
      CUTOVER_KEYS.forEach(k -> hints.put(k, ManifestParser.extensionHint()));
    }
    hints.put("pauseConsumerOffsetSync", "it belongs in spec.clusterLink (spec.clusterLink.pauseConsumerOffsetSync)");
    s.allowOnly(allowed, hints);

    Long lagThreshold = s.integer("lagThreshold");
    Long batch = s.integer("promoteBatchSize");
    Integer promoteBatchSize = null;
    if (batch != null) {
      if (batch > Integer.MAX_VALUE || batch < Integer.MIN_VALUE) {
        s.problems().add(s.path("promoteBatchSize") + ": must be at most " + Integer.MAX_VALUE + ", got " + batch);
      } else {
        promoteBatchSize = batch.intValue();
      }
    }
    Duration rolloutTimeout = s.duration("rolloutTimeout");
    if (rolloutTimeout != null && rolloutTimeout.isZero() && !cutoverApi) {
      // kcp reads 0 as "no deadline"; every gateway wait here is bounded, so keep the default.
      warnings.add(s.path("rolloutTimeout") + ": 0 means \"no deadline\" to kcp; cutover always bounds gateway"
          + " waits and uses the default (10m) instead. Set a duration such as 15m to choose another bound");
      rolloutTimeout = null;
    }
    Duration detect = s.duration("detectUnroutedProducersDuration");
    Duration drain = s.duration("consumerOffsetSyncDrainDuration");

    Boolean requireApproval = null;
    Duration approvalTimeout = null;
    ApprovalTimeoutAction action = null;
    Duration maxFenced = null;
    FenceErrorCode fenceErrorCode = null;
    Duration maxPromoteLagWait = null;
    if (cutoverApi) {
      maxPromoteLagWait = s.duration("maxPromoteLagWait");
      requireApproval = s.bool("requireApproval");
      approvalTimeout = s.duration("approvalTimeout");
      action = enumValue(s, "approvalTimeoutAction", ApprovalTimeoutAction.class);
      maxFenced = s.duration("maxFencedDuration");
      fenceErrorCode = enumValue(s, "fenceErrorCode", FenceErrorCode.class);
    }
    return new PolicyOverrides(lagThreshold, promoteBatchSize, rolloutTimeout, detect, drain, pause,
        requireApproval, approvalTimeout, action, maxFenced, fenceErrorCode, maxPromoteLagWait);
  }

  private static <E extends Enum<E>> E enumValue(Section s, String key, Class<E> type) {
    String v = s.text(key);
    if (v == null || v.isEmpty()) {
      return null;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(v.trim())) {
        return e;
      }
    }
    s.problems().add(s.path(key) + ": must be one of " + Arrays.toString(type.getEnumConstants()) + ", got \""
        + v + "\"");
    return null;
  }
}
