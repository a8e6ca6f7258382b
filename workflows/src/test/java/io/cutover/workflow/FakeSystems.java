package io.cutover.workflow;

import io.cutover.workflow.activity.ClusterLinkActivities;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.activity.GatewayActivities;
import io.cutover.workflow.activity.OffsetActivities;
import io.cutover.workflow.activity.ValidationActivities;
import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.GatewaySnapshot;
import io.cutover.workflow.model.LagSnapshot;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.MirrorStops;
import io.cutover.workflow.model.OffsetHandoff;
import io.cutover.workflow.model.StrandedWrites;
import io.cutover.workflow.model.TopicLag;
import io.cutover.workflow.model.TopicSet;
import io.cutover.workflow.model.ValidationReport;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small model of the systems a cutover touches (gateway, link, mirrors, offsets) behind the four
 * activity interfaces. It keeps state, so tests assert on what the world looks like afterwards
 * (gateway fenced or not, sync on or off), and records every call in order.
 */
public class FakeSystems
    implements ValidationActivities, GatewayActivities, ClusterLinkActivities, OffsetActivities {

  public enum GatewayState {
    INITIAL,
    FENCED,
    SWITCHED
  }

  public final List<String> calls = new CopyOnWriteArrayList<>();

  /** Calls and the offset-sync writes, in the order they happened. */
  public final List<String> timeline = new CopyOnWriteArrayList<>();

  public final List<String> topics;

  /** The link's mirror topics (a test may add one, as another team would mid-cutover). */
  public final List<String> linkMirrors = new CopyOnWriteArrayList<>();

  public volatile GatewayState gateway = GatewayState.INITIAL;
  public volatile FenceErrorCode fenceCode;
  public volatile boolean offsetSyncEnabled = true;
  public final Map<String, String> mirrorStatus = new ConcurrentHashMap<>();
  public final Map<String, Long> lag = new ConcurrentHashMap<>();

  /** Lag removed from every topic by each lag measurement; MAX_VALUE drains at once. */
  public volatile long drainPerMeasurement = Long.MAX_VALUE;

  public volatile List<String> validationProblems = List.of();
  public volatile List<String> unroutedViolations = List.of();

  /** validatePlan answers null: a broken result the workflow must survive. */
  public volatile boolean validationReturnsNull;

  /** Per topic: how many promote requests answer with a per-topic error before one is accepted. */
  public final Map<String, Integer> promoteErrors = new ConcurrentHashMap<>();

  /** Method name -> failures left to inject (non-retryable unless listed in {@link #retryable}). */
  public final Map<String, Integer> failures = new ConcurrentHashMap<>();

  public final Set<String> retryable = ConcurrentHashMap.newKeySet();

  /** Method name -> ApplicationFailure type of the injected failure (default "Injected"). */
  public final Map<String, String> failureType = new ConcurrentHashMap<>();

  /**
   * Method name -> how many calls do their work and then fail (non-retryable), as when a request
   * lands but its answer is lost and the retry is refused.
   */
  public final Map<String, Integer> lostAnswers = new ConcurrentHashMap<>();

  /** Lag that appears on these topics once the first promote is sent. */
  public final Map<String, Long> lagAfterFirstPromote = new ConcurrentHashMap<>();

  /** How long disableOffsetSync takes before it writes, without heartbeating. */
  public volatile long disableDelayMillis;

  /** Methods that block, heartbeating, until their activity is cancelled (or released). */
  public final Set<String> blocking = ConcurrentHashMap.newKeySet();

  public final List<Integer> promoteBatchSizes = new CopyOnWriteArrayList<>();

  /** Lag of each topic seen by the last measurement before each promote request. */
  public final List<Map<String, Long>> lagAtPromote = new CopyOnWriteArrayList<>();

  private volatile Map<String, Long> lastMeasured = Map.of();

  public FakeSystems(List<String> topics) {
    this.topics = List.copyOf(topics);
    linkMirrors.addAll(topics);
    topics.forEach(
        t -> {
          mirrorStatus.put(t, "ACTIVE");
          lag.put(t, 0L);
        });
  }

  public long count(String method) {
    return calls.stream().filter(c -> c.equals(method) || c.startsWith(method + " ")).count();
  }

  public List<String> callNames() {
    return calls.stream().map(c -> c.split(" ")[0]).toList();
  }

  private void enter(String method, String detail) {
    calls.add(detail == null ? method : method + " " + detail);
    timeline.add(method);
    Integer left = failures.get(method);
    if (left != null && left > 0) {
      failures.put(method, left - 1);
      String msg = "injected failure in " + method;
      String type = failureType.getOrDefault(method, "Injected");
      throw retryable.contains(method)
          ? ApplicationFailure.newFailure(msg, type)
          : ApplicationFailure.newNonRetryableFailure(msg, type);
    }
    if (blocking.contains(method)) {
      // Heartbeats deliver the cancellation; a release (removing the method) lets it go on.
      while (blocking.contains(method)) {
        // A lag wait heartbeats its measurement, as the real one does; the CLI reads it live.
        Activity.getExecutionContext()
            .heartbeat(method.equals("awaitLagBelow") ? currentLag() : method);
        sleep(20);
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      // The worker running this activity is being shut down ("dies"): fail the attempt so the
      // server schedules a retry on another worker.
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("worker shut down during the activity", "WorkerDied");
    }
  }

  @Override
  public ValidationReport validatePlan(MigrationPlan plan) {
    enter("validatePlan", null);
    if (validationReturnsNull) {
      return null;
    }
    TopicSet scope =
        plan.topics().isEmpty() ? TopicSet.link(sortedMirrors()) : TopicSet.listed(plan.topics());
    var snapshot =
        new GatewaySnapshot("{\"kind\":\"Gateway\"}", "1", 1, List.of("migration-route"));
    return new ValidationReport(
        validationProblems,
        List.of(),
        scope,
        snapshot,
        Map.of("consumer.offset.sync.enable", "true"),
        scope.size() + " active mirror topic(s); gateway ok");
  }

  private List<String> sortedMirrors() {
    return linkMirrors.stream().sorted().toList();
  }

  /**
   * What the real activities do with a reference: names inline, or the link's, checked against the
   * digest.
   */
  private List<String> names(TopicSet set) {
    if (!set.needsResolving()) {
      return set.names();
    }
    List<String> live = sortedMirrors();
    if (!TopicSet.digestOf(live).equals(set.digest())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the link's mirror topics changed since VALIDATE: "
              + set.total()
              + " then, "
              + live.size()
              + " now",
          FailureTypes.TOPIC_SET_CHANGED);
    }
    return live.subList(set.from(), set.to());
  }

  @Override
  public GatewayChange fenceRoutes(FenceRequest request) {
    enter("fenceRoutes", request.errorCode().name());
    gateway = GatewayState.FENCED;
    fenceCode = request.errorCode();
    return new GatewayChange(true, 2, 2, "fenced " + request.routes());
  }

  @Override
  public FenceCheck assertFenced(FenceRequest request) {
    enter("assertFenced", null);
    boolean live = gateway == GatewayState.FENCED;
    gateway = GatewayState.FENCED;
    return new FenceCheck(live, live ? "fence live" : "fence re-applied");
  }

  @Override
  public GatewayChange unfenceRoutes(UnfenceRequest request) {
    enter("unfenceRoutes", null);
    gateway = GatewayState.INITIAL;
    return new GatewayChange(true, 3, 2, "snapshot re-applied");
  }

  /** Every SwitchRequest the workflow sent, in order. */
  public final List<SwitchRequest> switchRequests =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  @Override
  public GatewayChange switchRoutes(SwitchRequest request) {
    switchRequests.add(request); // also the calls an injected failure fails
    enter("switchRoutes", null);
    boolean drifted =
        request.fenceFirst() != null
            && gateway != GatewayState.FENCED
            && gateway != GatewayState.SWITCHED;
    gateway = GatewayState.SWITCHED;
    GatewayChange change = new GatewayChange(true, 4, 2, "switched");
    return drifted ? change.withRefenced("route \"migration-route\" carries no fence") : change;
  }

  @Override
  public TrafficCheck confirmTrafficFlows(TrafficCheckRequest request) {
    enter("confirmTrafficFlows", null);
    if (gateway == GatewayState.FENCED) {
      throw ApplicationFailure.newFailure("route still answers " + fenceCode, "Transient");
    }
    return new TrafficCheck(List.of("gateway:9092"), "metadata ok");
  }

  @Override
  public OffsetSyncState drainOffsetSync(DrainRequest request) {
    enter("drainOffsetSync", null);
    if (!offsetSyncEnabled) {
      throw ApplicationFailure.newNonRetryableFailure(
          "consumer.offset.sync.enable is \"false\"", "StateDrift");
    }
    return new OffsetSyncState(Map.of("consumer.offset.sync.enable", "true"), "drained");
  }

  @Override
  public OffsetSyncState disableOffsetSync(DisableRequest request) {
    enter("disableOffsetSync", null);
    if (disableDelayMillis > 0) {
      sleep(disableDelayMillis); // a slow write that does not heartbeat, so it cannot see a cancel
    }
    offsetSyncEnabled = false;
    timeline.add("offset sync set to false");
    loseAnswer("disableOffsetSync");
    return new OffsetSyncState(Map.of("consumer.offset.sync.enable", "false"), "disabled");
  }

  @Override
  public OffsetSyncState restoreOffsetSync(RestoreRequest request) {
    enter("restoreOffsetSync", null);
    if (!offsetSyncEnabled) {
      timeline.add("offset sync set to true");
    }
    offsetSyncEnabled = true;
    return new OffsetSyncState(request.snapshot(), "restored");
  }

  @Override
  public PromoteResult promoteMirrors(PromoteRequest request) {
    List<String> ask =
        names(request.topics()).stream().filter(t -> !request.except().contains(t)).toList();
    enter("promoteMirrors", String.join(",", ask));
    if (promoteBatchSizes.isEmpty()) {
      lag.putAll(
          lagAfterFirstPromote); // a producer writing to the source behind the gateway's back
    }
    promoteBatchSizes.add(ask.size());
    Map<String, Long> seen = new TreeMap<>();
    ask.forEach(t -> seen.put(t, lastMeasured.getOrDefault(t, -1L)));
    lagAtPromote.add(seen);
    List<TopicPromotion> rejected = new ArrayList<>();
    for (String t : ask) {
      int errs = promoteErrors.getOrDefault(t, 0);
      if (errs > 0) {
        promoteErrors.put(t, errs - 1);
        rejected.add(new TopicPromotion(t, false, 40002, "mirror topic " + t + " is not ready"));
      } else {
        mirrorStatus.put(t, "PENDING_STOPPED");
      }
    }
    loseAnswer("promoteMirrors");
    return new PromoteResult(ask.size() - rejected.size(), rejected);
  }

  private void loseAnswer(String method) {
    Integer left = lostAnswers.get(method);
    if (left != null && left > 0) {
      lostAnswers.put(method, left - 1);
      throw ApplicationFailure.newNonRetryableFailure(
          "the answer to " + method + " was lost; the retry got 401", "Unauthorized");
    }
  }

  @Override
  public MirrorStates awaitMirrorsStopped(AwaitStoppedRequest request) {
    List<String> wait =
        names(request.topics()).stream().filter(t -> !request.except().contains(t)).toList();
    enter("awaitMirrorsStopped", String.join(",", wait));
    wait.forEach(t -> mirrorStatus.put(t, "STOPPED"));
    return states(wait);
  }

  @Override
  public MirrorStates describeMirrors(DescribeMirrorsRequest request) {
    List<String> read = names(request.topics());
    enter("describeMirrors", String.join(",", read));
    return states(read);
  }

  private MirrorStates states(List<String> of) {
    Map<String, String> statuses = new java.util.LinkedHashMap<>();
    of.forEach(t -> statuses.put(t, mirrorStatus.getOrDefault(t, "UNKNOWN")));
    return MirrorStates.of(statuses);
  }

  private LagSnapshot currentLag() {
    long total = lag.values().stream().mapToLong(Long::longValue).sum();
    List<TopicLag> over =
        lag.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .map(e -> new TopicLag(e.getKey(), e.getValue()))
            .sorted(Comparator.comparingLong(TopicLag::lag).reversed())
            .toList();
    return new LagSnapshot(
        Instant.now(), lag.size(), over.size(), total, over, lag.size() - over.size());
  }

  @Override
  public LagSnapshot awaitLagBelow(LagRequest request) {
    enter("awaitLagBelow", Long.toString(request.threshold()));
    Map<String, Long> measured = new TreeMap<>();
    for (String t : names(request.topics())) {
      long now = lag.getOrDefault(t, 0L);
      long next =
          drainPerMeasurement == Long.MAX_VALUE ? 0 : Math.max(0, now - drainPerMeasurement);
      lag.put(t, next);
      measured.put(t, next);
    }
    lastMeasured = Collections.unmodifiableMap(new TreeMap<>(measured));
    List<TopicLag> over =
        measured.entrySet().stream()
            .filter(e -> e.getValue() > request.threshold())
            .map(e -> new TopicLag(e.getKey(), e.getValue()))
            .sorted(Comparator.comparingLong(TopicLag::lag).reversed())
            .toList();
    long total = measured.values().stream().mapToLong(Long::longValue).sum();
    int zero = (int) measured.values().stream().filter(v -> v == 0).count();
    return new LagSnapshot(
        Instant.now(),
        measured.size(),
        over.size(),
        total,
        over.subList(0, Math.min(over.size(), LagSnapshot.MAX_LISTED)),
        zero);
  }

  @Override
  public UnroutedProducerReport detectUnroutedProducers(DetectRequest request) {
    enter("detectUnroutedProducers", null);
    names(request.topics());
    return UnroutedProducerReport.of(Instant.now(), Instant.now(), unroutedViolations);
  }

  /** Lines of partitions written on the source after their mirror stopped, 5 records each. */
  public volatile List<String> strandedLines = List.of();

  /** Why the stops cannot be recorded; null: they are. */
  public volatile String stopsProblem;

  /** What the checks after DONE find (5 records a line); null: what PROMOTE's check found. */
  public volatile List<String> strandedLinesAfterDone;

  @Override
  public StrandedWrites findStrandedWrites(StrandedRequest request) {
    enter("findStrandedWrites", null);
    names(request.topics());
    StrandedWrites found = stranded(strandedLines);
    String group = request.recordStopsAs();
    return group == null
        ? found
        : found.withStops(
            new MirrorStops(group, found.checkedAt(), stopsProblem == null ? 3 : 0, stopsProblem));
  }

  @Override
  public StrandedWrites recheckStrandedWrites(RecheckRequest request) {
    enter("recheckStrandedWrites", null);
    List<String> after = strandedLinesAfterDone;
    return stranded(after == null ? strandedLines : after).withStops(request.stops());
  }

  private static StrandedWrites stranded(List<String> lines) {
    return new StrandedWrites(Instant.now(), lines.size(), 5L * lines.size(), lines);
  }

  /** Groups the handoff reports; by default one group, already synced by the link. */
  public volatile List<OffsetHandoff.Group> handoffGroups =
      List.of(new OffsetHandoff.Group("orders-app", OffsetHandoff.Verdict.SYNCED, 3, 0, 0, null));

  @Override
  public OffsetHandoff handOffConsumerOffsets(HandoffRequest request) {
    enter("handOffConsumerOffsets", null);
    names(request.topics());
    return OffsetHandoff.of(Instant.now(), handoffGroups);
  }
}
