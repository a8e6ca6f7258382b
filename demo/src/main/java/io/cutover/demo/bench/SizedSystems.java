package io.cutover.demo.bench;

import io.cutover.workflow.activity.ClusterLinkActivities;
import io.cutover.workflow.activity.GatewayActivities;
import io.cutover.workflow.activity.OffsetActivities;
import io.cutover.workflow.activity.ValidationActivities;
import io.cutover.workflow.model.GatewaySnapshot;
import io.cutover.workflow.model.LagSnapshot;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.TopicLag;
import io.cutover.workflow.model.TopicSet;
import io.cutover.workflow.model.ValidationReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The outside world for the history benchmark: answers at once, with results of the size the real
 * activities return (40-character topic names, a 2 KB Gateway CR snapshot, 50 lagging topics in a
 * lag snapshot). Only sizes matter here, so nothing is stateful beyond the lag clock.
 */
final class SizedSystems
    implements ValidationActivities, GatewayActivities, ClusterLinkActivities, OffsetActivities {
  private final List<String> topics;
  private final String crJson;

  /**
   * Workflow time the lag has yet to take: each lag wait uses up its maxWait (plus the re-poll
   * pause).
   */
  private volatile Duration lagLeft = Duration.ZERO;

  final java.util.concurrent.atomic.AtomicInteger lagWaits =
      new java.util.concurrent.atomic.AtomicInteger();

  SizedSystems(List<String> topics) {
    this.topics = List.copyOf(topics);
    this.crJson =
        "{\"apiVersion\":\"platform.confluent.io/v1beta1\",\"kind\":\"Gateway\",\"spec\":{\"routes\":["
            + "{\"name\":\"migration-route\",\"endpoint\":\"gw.example.com:9595\"}],\"pad\":\""
            + "x".repeat(1900)
            + "\"}}";
  }

  /** The next WAIT_FOR_LAG stays over the threshold for this long. */
  void lagFor(Duration d) {
    lagLeft = d;
  }

  List<String> topicNames() {
    return topics;
  }

  static List<String> topicNames(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(String.format("orders.eu-west-1.payments.events-v2-%05d", i));
    }
    return out;
  }

  @Override
  public ValidationReport validatePlan(MigrationPlan plan) {
    TopicSet scope = plan.everyMirror() ? TopicSet.link(topics) : TopicSet.listed(plan.topics());
    return new ValidationReport(
        List.of(),
        List.of(),
        scope,
        new GatewaySnapshot(crJson, "4711", 3, List.of("migration-route")),
        Map.of(
            "consumer.offset.sync.enable",
            "true",
            "consumer.offset.sync.ms",
            "30000",
            "consumer.offset.group.filters",
            "{\"groupFilters\":[{\"name\":\"*\",\"patternType\":\"LITERAL\"}]}"),
        topics.size() + " active mirror topic(s); gateway ok");
  }

  /**
   * The names a reference stands for (the link's are this fake's whole list, sorted as the real one
   * is).
   */
  private List<String> names(TopicSet set) {
    return set.needsResolving() ? topics.subList(set.from(), set.to()) : set.names();
  }

  @Override
  public LagSnapshot awaitLagBelow(LagRequest request) {
    lagWaits.incrementAndGet();
    List<String> names = names(request.topics());
    if (request.threshold() == 0 || lagLeft.isZero() || lagLeft.isNegative()) {
      return new LagSnapshot(Instant.now(), names.size(), 0, 0, List.of(), names.size());
    }
    lagLeft = lagLeft.minus(request.maxWait()).minusSeconds(2);
    List<TopicLag> lagging = new ArrayList<>();
    for (int i = 0; i < Math.min(LagSnapshot.MAX_LISTED, names.size()); i++) {
      lagging.add(new TopicLag(names.get(i), 1_000_000L - i));
    }
    return new LagSnapshot(Instant.now(), names.size(), names.size(), 50_000_000L, lagging, 0);
  }

  @Override
  public UnroutedProducerReport detectUnroutedProducers(DetectRequest request) {
    return UnroutedProducerReport.of(Instant.now(), Instant.now(), List.of());
  }

  @Override
  public io.cutover.workflow.model.StrandedWrites findStrandedWrites(StrandedRequest request) {
    return new io.cutover.workflow.model.StrandedWrites(Instant.now(), 0, 0, List.of());
  }

  @Override
  public io.cutover.workflow.model.StrandedWrites recheckStrandedWrites(RecheckRequest request) {
    return new io.cutover.workflow.model.StrandedWrites(Instant.now(), 0, 0, List.of());
  }

  @Override
  public io.cutover.workflow.model.OffsetHandoff handOffConsumerOffsets(HandoffRequest request) {
    return io.cutover.workflow.model.OffsetHandoff.of(Instant.now(), List.of());
  }

  @Override
  public GatewayChange fenceRoutes(FenceRequest request) {
    return new GatewayChange(true, 4, 3, "fenced route migration-route; 3 pod(s) replaced");
  }

  @Override
  public FenceCheck assertFenced(FenceRequest request) {
    return new FenceCheck(true, "fence live on migration-route");
  }

  @Override
  public GatewayChange unfenceRoutes(UnfenceRequest request) {
    return new GatewayChange(true, 5, 3, "snapshot re-applied; 3 pod(s) replaced");
  }

  @Override
  public GatewayChange switchRoutes(SwitchRequest request) {
    return new GatewayChange(true, 6, 3, "switchover CR applied; 3 pod(s) replaced");
  }

  @Override
  public TrafficCheck confirmTrafficFlows(TrafficCheckRequest request) {
    return new TrafficCheck(List.of("gw.example.com:9595"), "metadata answered on 1 route(s)");
  }

  @Override
  public OffsetSyncState drainOffsetSync(DrainRequest request) {
    return new OffsetSyncState(Map.of("consumer.offset.sync.enable", "true"), "drained");
  }

  @Override
  public OffsetSyncState disableOffsetSync(DisableRequest request) {
    return new OffsetSyncState(
        Map.of("consumer.offset.sync.enable", "false"), "set to false; read back false");
  }

  @Override
  public OffsetSyncState restoreOffsetSync(RestoreRequest request) {
    return new OffsetSyncState(request.snapshot(), "restored consumer.offset.* configs");
  }

  @Override
  public PromoteResult promoteMirrors(PromoteRequest request) {
    return new PromoteResult(request.topics().size() - request.except().size(), List.of());
  }

  @Override
  public MirrorStates awaitMirrorsStopped(AwaitStoppedRequest request) {
    int n = request.topics().size() - request.except().size();
    return new MirrorStates(n, 0, 0, n, List.of());
  }

  @Override
  public MirrorStates describeMirrors(DescribeMirrorsRequest request) {
    int n = request.topics().size();
    return new MirrorStates(n, n, 0, 0, List.of());
  }
}
