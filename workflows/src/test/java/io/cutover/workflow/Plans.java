package io.cutover.workflow;

import io.cutover.workflow.model.CredentialRef;
import io.cutover.workflow.model.DestinationCluster;
import io.cutover.workflow.model.GatewaySpec;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.Policies;
import io.cutover.workflow.model.PolicyCatalog;
import io.cutover.workflow.model.SourceCluster;
import java.util.List;
import java.util.function.UnaryOperator;

/** Plans for workflow tests. Credentials are references only, as in production. */
public final class Plans {
  private Plans() {}

  public static MigrationPlan plan(String name, List<String> topics, Policies policies) {
    return new MigrationPlan(
        name,
        new SourceCluster(
            "apache-kafka",
            List.of("src-1:9092", "src-2:9092"),
            CredentialRef.file("/etc/cutover/source.yaml")),
        new DestinationCluster(
            "confluent-cloud",
            "lkc-abc123",
            List.of("pkc-x.confluent.cloud:9092"),
            "https://pkc-x.confluent.cloud:443",
            CredentialRef.env("CUTOVER_DEST_CREDENTIALS"),
            CredentialRef.env("CUTOVER_DEST_CREDENTIALS")),
        "src-to-cc",
        new GatewaySpec(
            "confluent",
            "migration-gateway",
            "",
            "",
            "kind: Gateway\n",
            "switchover.yaml",
            List.of("migration-route"),
            ""),
        topics,
        policies);
  }

  public static MigrationPlan plan(List<String> topics) {
    return plan("orders", topics, DEFAULTS);
  }

  /**
   * The policies' defaults, but DONE checks the source for stranded writes once: a test that waits
   * for the run's end does not wait out a 5-minute watch too (StrandedWritesWatchTest sets it).
   */
  public static final Policies DEFAULTS =
      Policies.defaults()
          .with(PolicyCatalog.STRANDED_WRITES_WATCH_DURATION, java.time.Duration.ZERO);

  public static Policies policies(UnaryOperator<PolicyBuilder> edit) {
    return edit.apply(new PolicyBuilder()).build();
  }

  /** Offset sync paused and an unrouted-producer window: every optional fenced step runs. */
  public static Policies bothPassiveWaits(java.time.Duration window) {
    return policies(
        p ->
            p.with(
                b -> {
                  b.pause = true;
                  b.detect = window;
                }));
  }

  /** Mutable copy of {@link Policies} for tests. */
  public static final class PolicyBuilder {
    private final Policies d = DEFAULTS;
    public long lagThreshold = d.lagThreshold();
    public int promoteBatchSize = d.promoteBatchSize();
    public java.time.Duration rolloutTimeout = d.rolloutTimeout();
    public java.time.Duration detect = d.detectUnroutedProducersDuration();
    public java.time.Duration drain = d.consumerOffsetSyncDrainDuration();
    public boolean pause = d.pauseConsumerOffsetSync();
    public boolean requireApproval = d.requireApproval();
    public java.time.Duration approvalTimeout = d.approvalTimeout();
    public io.cutover.workflow.model.ApprovalTimeoutAction approvalAction =
        d.approvalTimeoutAction();
    public java.time.Duration maxFenced = d.maxFencedDuration();
    public io.cutover.workflow.model.FenceErrorCode code = d.fenceErrorCode();
    public java.time.Duration maxPromoteLagWait = d.maxPromoteLagWait();

    public PolicyBuilder with(java.util.function.Consumer<PolicyBuilder> c) {
      c.accept(this);
      return this;
    }

    /** From the defaults, so that a policy added later needs no edit here. */
    Policies build() {
      return DEFAULTS
          .with(PolicyCatalog.LAG_THRESHOLD, lagThreshold)
          .with(PolicyCatalog.PROMOTE_BATCH_SIZE, promoteBatchSize)
          .with(PolicyCatalog.ROLLOUT_TIMEOUT, rolloutTimeout)
          .with(PolicyCatalog.DETECT_UNROUTED_PRODUCERS_DURATION, detect)
          .with(PolicyCatalog.CONSUMER_OFFSET_SYNC_DRAIN_DURATION, drain)
          .with(PolicyCatalog.PAUSE_CONSUMER_OFFSET_SYNC, pause)
          .with(PolicyCatalog.REQUIRE_APPROVAL, requireApproval)
          .with(PolicyCatalog.APPROVAL_TIMEOUT, approvalTimeout)
          .with(PolicyCatalog.APPROVAL_TIMEOUT_ACTION, approvalAction)
          .with(PolicyCatalog.MAX_FENCED_DURATION, maxFenced)
          .with(PolicyCatalog.FENCE_ERROR_CODE, code)
          .with(PolicyCatalog.MAX_PROMOTE_LAG_WAIT, maxPromoteLagWait);
    }
  }
}
