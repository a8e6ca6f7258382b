package io.cutover.activities.gateway;

import java.time.Duration;

/**
 * Tunables of the gateway waits.
 *
 * @param pollInterval time between reads of the CR, Deployment and pods
 * @param rejectionSettle how long a fresh *Failed condition must hold before it counts as a
 *     rejection (an operator may report a transient failure and then accept)
 * @param defaultRolloutTimeout used when a request carries no positive rolloutTimeout
 * @param conflictRetries writes re-read and retried this many times on 409 Conflict
 * @param trafficTimeout default bound on one metadata request through a route
 */
public record GatewayOptions(
    Duration pollInterval,
    Duration rejectionSettle,
    Duration defaultRolloutTimeout,
    int conflictRetries,
    Duration trafficTimeout) {

  public static GatewayOptions defaults() {
    return new GatewayOptions(
        Duration.ofSeconds(2),
        Duration.ofSeconds(30),
        Duration.ofMinutes(10),
        5,
        Duration.ofSeconds(15));
  }

  public GatewayOptions withPollInterval(Duration d) {
    return new GatewayOptions(
        d, rejectionSettle, defaultRolloutTimeout, conflictRetries, trafficTimeout);
  }

  public GatewayOptions withRejectionSettle(Duration d) {
    return new GatewayOptions(
        pollInterval, d, defaultRolloutTimeout, conflictRetries, trafficTimeout);
  }

  /** The request's timeout when positive, else the default. */
  public Duration timeoutOr(Duration requested) {
    return requested == null || requested.isZero() || requested.isNegative()
        ? defaultRolloutTimeout
        : requested;
  }
}
