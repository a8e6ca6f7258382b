package io.cutover.workflow.activity;

/**
 * {@code ApplicationFailure} types activities raise. Those listed in {@link #nonRetryable()} are
 * not retried by Temporal: retrying cannot fix them, the operator must.
 */
public final class FailureTypes {
  private FailureTypes() {}

  /** 401/403 from an API, or Kafka authentication failed: fix the credentials. */
  public static final String UNAUTHORIZED = "Unauthorized";

  /** The link, topic, gateway or secret does not exist. */
  public static final String NOT_FOUND = "NotFound";

  /** The gateway operator refused the CR (a *Failed condition newer than our write). */
  public static final String GATEWAY_REJECTED = "GatewayRejected";

  /** A request the remote side refuses as malformed, or a bad input we must not retry. */
  public static final String INVALID_REQUEST = "InvalidRequest";

  /** Live state disagrees with what the cutover recorded (e.g. offset sync already off). */
  public static final String STATE_DRIFT = "StateDrift";

  /** The link's mirror topics are no longer the set VALIDATE checked. */
  public static final String TOPIC_SET_CHANGED = "TopicSetChanged";

  /**
   * The record of where the mirrors stopped is gone from the destination or was overwritten, so the
   * watch for stranded writes cannot compare the source with it.
   */
  public static final String MIRROR_STOPS_LOST = "MirrorStopsLost";

  /** Something the deployment does not support (e.g. IAM auth on the source). */
  public static final String UNSUPPORTED = "Unsupported";

  /** Retryable: the gateway did not reach the target state within rolloutTimeout. */
  public static final String ROLLOUT_TIMEOUT = "RolloutTimeout";

  /** Retryable: 429, 5xx, connection problems. */
  public static final String TRANSIENT = "Transient";

  /**
   * The types no retry can fix; a copy each call, so no caller can change the retry policy of
   * another.
   */
  public static String[] nonRetryable() {
    return new String[] {
      UNAUTHORIZED,
      NOT_FOUND,
      GATEWAY_REJECTED,
      INVALID_REQUEST,
      STATE_DRIFT,
      UNSUPPORTED,
      TOPIC_SET_CHANGED,
      MIRROR_STOPS_LOST
    };
  }
}
