package io.cutover.activities.clusterlink;

import io.cutover.activities.credentials.CredentialResolver;
import io.cutover.activities.support.Heartbeat;
import io.cutover.activities.support.Sleeper;
import io.cutover.workflow.activity.ClusterLinkActivities;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.TopicSet;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * {@link ClusterLinkActivities} over the destination's REST v3 API. The logic lives in {@link
 * OffsetSync} and {@link MirrorPromotion}; this class resolves credentials, heartbeats, and turns
 * {@link ClusterLinkException}s into {@link ApplicationFailure}s typed with {@link
 * io.cutover.workflow.activity.FailureTypes}.
 */
public class ClusterLinkActivitiesImpl implements ClusterLinkActivities {
  private final CredentialResolver credentials;
  private final ClusterLinkOptions options;
  private final Sleeper sleeper;
  // Shared so every per-call client reuses one connection pool and dispatcher.
  private final OkHttpClient shared = new OkHttpClient();
  private final TopicSets topicSets = new TopicSets(link -> run(() -> mirrorNames(link)));

  public ClusterLinkActivitiesImpl(CredentialResolver credentials, ClusterLinkOptions options) {
    this(credentials, options, Sleeper.REAL);
  }

  public ClusterLinkActivitiesImpl(
      CredentialResolver credentials, ClusterLinkOptions options, Sleeper sleeper) {
    this.credentials = credentials;
    this.options = options;
    this.sleeper = sleeper;
  }

  /**
   * A client for this link, with its credentials resolved on the worker; for read-only callers too.
   */
  public ClusterLinkClient client(Targets.Link link) {
    return new ClusterLinkClient(
        LinkAddress.of(link), credentials.rest(link.credentials()), options, shared);
  }

  /**
   * How this worker resolves topic-set references; the offset activities share it, and its memory.
   */
  public TopicSets topicSets() {
    return topicSets;
  }

  @Override
  public OffsetSyncState drainOffsetSync(DrainRequest request) {
    return run(() -> offsetSync(request.link()).drain(request.drain()));
  }

  @Override
  public OffsetSyncState disableOffsetSync(DisableRequest request) {
    return run(() -> offsetSync(request.link()).disable());
  }

  @Override
  public OffsetSyncState restoreOffsetSync(RestoreRequest request) {
    return run(
        () ->
            offsetSync(request.link())
                .restore(request.snapshot() == null ? Map.of() : request.snapshot()));
  }

  @Override
  public PromoteResult promoteMirrors(PromoteRequest request) {
    return run(
        () ->
            promotion(request.link())
                .promote(names(request.link(), request.topics(), request.except())));
  }

  @Override
  public MirrorStates awaitMirrorsStopped(AwaitStoppedRequest request) {
    return run(
        () ->
            promotion(request.link())
                .awaitStopped(names(request.link(), request.topics(), request.except())));
  }

  @Override
  public MirrorStates describeMirrors(DescribeMirrorsRequest request) {
    try {
      return promotion(request.link()).describe(namesOrEveryMirror(request));
    } catch (ClusterLinkException e) {
      // Retryable whatever the cause (a rotated key, say): the workflow may not act until it knows.
      throw ApplicationFailure.newFailure(e.getMessage(), e.failureType());
    } catch (ApplicationFailure e) {
      throw ApplicationFailure.newFailure(e.getOriginalMessage(), e.getType());
    }
  }

  /**
   * The batch's names; when the link's mirrors changed since VALIDATE, every mirror on the link: a
   * superset, so "all ACTIVE" still proves the promote was not applied, and anything else holds.
   */
  private List<String> namesOrEveryMirror(DescribeMirrorsRequest request) {
    try {
      return names(request.link(), request.topics(), List.of());
    } catch (ApplicationFailure e) {
      if (!io.cutover.workflow.activity.FailureTypes.TOPIC_SET_CHANGED.equals(e.getType())) {
        throw e;
      }
      return mirrorNames(request.link());
    }
  }

  private OffsetSync offsetSync(Targets.Link link) {
    return new OffsetSync(client(link), heartbeat(), sleeper, options.heartbeatInterval());
  }

  private MirrorPromotion promotion(Targets.Link link) {
    return new MirrorPromotion(client(link), heartbeat(), sleeper, options.pollInterval());
  }

  private static Heartbeat heartbeat() {
    var ctx = Activity.getExecutionContext();
    return ctx::heartbeat;
  }

  /** The names of every mirror topic on the link, as listed (one REST read). */
  private List<String> mirrorNames(Targets.Link link) {
    return client(link).listMirrors().stream().map(MirrorTopic::mirrorTopicName).toList();
  }

  /** The batch's names but {@code except}; a missing batch is an empty one. */
  private List<String> names(Targets.Link link, TopicSet batch, List<String> except) {
    if (batch == null) {
      return List.of();
    }
    List<String> all = topicSets.resolve(link, batch);
    return except.isEmpty() ? all : all.stream().filter(t -> !except.contains(t)).toList();
  }

  /** Runs {@code body}, mapping our failures; Temporal's own (cancellation) pass through. */
  static <T> T run(Supplier<T> body) {
    try {
      return body.get();
    } catch (ClusterLinkException e) {
      throw toFailure(e);
    }
  }

  /** Retryable failures are TRANSIENT; the rest are non-retryable with their own type. */
  static ApplicationFailure toFailure(ClusterLinkException e) {
    return e.retryable()
        ? ApplicationFailure.newFailure(e.getMessage(), e.failureType())
        : ApplicationFailure.newNonRetryableFailure(e.getMessage(), e.failureType());
  }
}
