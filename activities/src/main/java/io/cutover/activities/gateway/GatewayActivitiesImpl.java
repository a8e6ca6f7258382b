package io.cutover.activities.gateway;

import io.cutover.workflow.activity.GatewayActivities;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.CredentialLook;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link GatewayActivities} on fabric8: heartbeats on every poll, resumes from the previous
 * attempt's heartbeat details, and turns {@link GatewayException}s into {@code ApplicationFailure}s
 * of the matching {@code FailureTypes} (rejections, missing objects and RBAC are not retried;
 * timeouts and API hiccups are).
 */
public class GatewayActivitiesImpl implements GatewayActivities {
  private static final Logger log = LoggerFactory.getLogger(GatewayActivitiesImpl.class);

  private final KubernetesClientProvider clients;
  private final GatewayOperations operations;
  private final TrafficProbe traffic;
  private final GatewayOptions options;

  public GatewayActivitiesImpl(
      KubernetesClientProvider clients,
      GatewayOptions options,
      TrafficProbe.ClientSettings trafficSettings) {
    this.clients = clients;
    this.options = options;
    this.operations = new GatewayOperations(options, Clock.systemUTC());
    this.traffic = new TrafficProbe(trafficSettings);
  }

  public GatewayActivitiesImpl(KubernetesClientProvider clients) {
    this(clients, GatewayOptions.defaults(), TrafficProbe.ClientSettings.DEFAULT);
  }

  @Override
  public GatewayChange fenceRoutes(FenceRequest request) {
    return run(
        "fence routes " + request.routes() + " of gateway " + request.gateway(),
        () -> operations.fence(client(request.gateway()), request, prior(), heartbeat()));
  }

  @Override
  public FenceCheck assertFenced(FenceRequest request) {
    return run(
        "check the fence of gateway " + request.gateway(),
        () -> operations.assertFenced(client(request.gateway()), request, prior(), heartbeat()));
  }

  @Override
  public GatewayChange unfenceRoutes(UnfenceRequest request) {
    return run(
        "unfence gateway " + request.gateway(),
        () -> operations.unfence(client(request.gateway()), request, prior(), heartbeat()));
  }

  @Override
  public GatewayChange switchRoutes(SwitchRequest request) {
    return run(
        "switch gateway " + request.gateway(),
        () -> operations.switchTo(client(request.gateway()), request, prior(), heartbeat()));
  }

  @Override
  public TrafficCheck confirmTrafficFlows(TrafficCheckRequest request) {
    Duration timeout =
        request.timeout() == null || request.timeout().isZero() || request.timeout().isNegative()
            ? options.trafficTimeout()
            : request.timeout();
    return run(
        "confirm traffic through gateway " + request.gateway(),
        () ->
            traffic.check(
                client(request.gateway()),
                request.gateway().namespace(),
                request.gateway().name(),
                request.routes(),
                timeout,
                heartbeat()));
  }

  private KubernetesClient client(Targets.Gateway g) {
    return clients.client(g.kubeconfig(), g.kubeContext());
  }

  private static GatewayHeartbeat heartbeat() {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    return ctx::heartbeat;
  }

  private static GatewayProgress prior() {
    return Activity.getExecutionContext().getHeartbeatDetails(GatewayProgress.class).orElse(null);
  }

  /**
   * Runs one activity body and maps its failures; cancellation and Temporal errors pass through.
   */
  static <T> T run(String what, Supplier<T> body) {
    try {
      return body.get();
    } catch (GatewayException e) {
      throw toFailure(what, e);
    } catch (KubernetesClientException e) {
      throw toFailure(what, GatewayException.fromApi(what, e));
    }
  }

  static ApplicationFailure toFailure(String what, GatewayException e) {
    log.warn("{} failed ({}): {}", what, e.type(), CredentialLook.redact(e.getMessage()));
    return e.retryable()
        ? ApplicationFailure.newFailureWithCause(e.getMessage(), e.type(), e.getCause())
        : ApplicationFailure.newNonRetryableFailureWithCause(
            e.getMessage(), e.type(), e.getCause());
  }
}
