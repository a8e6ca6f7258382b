package io.cutover.activities.clusterlink;

import java.time.Duration;
import java.util.Objects;

/**
 * Client and polling settings for the cluster-link activities.
 *
 * @param connectTimeout TCP/TLS connect bound per request
 * @param readTimeout read (and write) bound per request
 * @param pollInterval pause between mirror-state reads while waiting for STOPPED
 * @param heartbeatInterval longest gap between heartbeats while waiting (drain, polling)
 */
public record ClusterLinkOptions(
    Duration connectTimeout,
    Duration readTimeout,
    Duration pollInterval,
    Duration heartbeatInterval) {

  public ClusterLinkOptions {
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(readTimeout, "readTimeout");
    requirePositive(pollInterval, "pollInterval");
    requirePositive(heartbeatInterval, "heartbeatInterval");
  }

  /** 10 s connect, 30 s read (kcp bounds its bookend calls at 30 s), 5 s polls and heartbeats. */
  public static ClusterLinkOptions defaults() {
    return new ClusterLinkOptions(
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(5),
        Duration.ofSeconds(5));
  }

  public ClusterLinkOptions withTimeouts(Duration connect, Duration read) {
    return new ClusterLinkOptions(connect, read, pollInterval, heartbeatInterval);
  }

  public ClusterLinkOptions withPollInterval(Duration poll) {
    return new ClusterLinkOptions(connectTimeout, readTimeout, poll, heartbeatInterval);
  }

  public ClusterLinkOptions withHeartbeatInterval(Duration heartbeat) {
    return new ClusterLinkOptions(connectTimeout, readTimeout, pollInterval, heartbeat);
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
