package io.cutover.cli;

import io.cutover.workflow.model.ApprovalTimeoutAction;
import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.PolicyOverrides;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Per-attempt policy overrides for execute. Only options given on the command line override. */
public class PolicyOptions {
  @Option(names = "--lag-threshold", paramLabel = "RECORDS",
      description = "Per-topic lag tolerated before fencing (records).")
  Long lagThreshold;

  @Option(names = "--promote-batch-size", paramLabel = "N", description = "Topics per promote batch; 0 = all at once.")
  Integer promoteBatchSize;

  @Option(paramLabel = "DURATION", names = "--rollout-timeout", converter = DurationConverter.class,
      description = "Bound on each gateway wait (acceptance, rollout), e.g. 5m.")
  Duration rolloutTimeout;

  @Option(paramLabel = "DURATION", names = "--detect-unrouted-producers-duration", converter = DurationConverter.class,
      description = "Source-offset watch after the fence (>= 10s; 0 skips).")
  Duration detect;

  @Option(paramLabel = "DURATION", names = "--consumer-offset-sync-drain-duration", converter = DurationConverter.class,
      description = "Wait with offset sync on before pausing it.")
  Duration drain;

  @Option(names = "--pause-consumer-offset-sync", paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
      description = "Pause consumer offset sync while fenced (true/false).")
  Boolean pause;

  @Option(names = "--require-approval", paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
      description = "Wait for `cutover approve` before fencing (true/false).")
  Boolean requireApproval;

  @Option(paramLabel = "DURATION", names = "--approval-timeout", converter = DurationConverter.class, description = "How long to wait for approval.")
  Duration approvalTimeout;

  @Option(names = "--approval-timeout-action", paramLabel = "ACTION", description = "ABORT or KEEP_WAITING (never proceeds without approval).")
  ApprovalTimeoutAction approvalTimeoutAction;

  @Option(paramLabel = "DURATION", names = "--max-fenced-duration", converter = DurationConverter.class,
      description = "Fence budget: unfence automatically if PROMOTE has not begun by then.")
  Duration maxFenced;

  @Option(names = "--fence-error-code", paramLabel = "CODE",
      description = "Error the fenced gateway answers: ${COMPLETION-CANDIDATES}.")
  FenceErrorCode fenceErrorCode;

  @Option(paramLabel = "DURATION", names = "--max-promote-lag-wait", converter = DurationConverter.class,
      description = "After the first promote, how long a batch may wait for zero lag before the run holds.")
  Duration maxPromoteLagWait;

  PolicyOverrides toOverrides() {
    return new PolicyOverrides(lagThreshold, promoteBatchSize, rolloutTimeout, detect, drain, pause, requireApproval,
        approvalTimeout, approvalTimeoutAction, maxFenced, fenceErrorCode, maxPromoteLagWait);
  }
}
