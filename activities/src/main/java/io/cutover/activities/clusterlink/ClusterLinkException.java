package io.cutover.activities.clusterlink;

import io.cutover.workflow.activity.FailureTypes;

/**
 * A cluster-link call or check failed. The message names what is wrong and the fix; it never holds
 * the API secret or the Authorization header.
 */
public final class ClusterLinkException extends RuntimeException {

  /** What went wrong, which decides whether a retry can help. */
  public enum Kind {
    /**
     * 401/403: the REST credentials (API key, user, token or client certificate) are wrong or lack
     * rights.
     */
    UNAUTHORIZED(FailureTypes.UNAUTHORIZED),
    /** 404: the link or the mirror topic does not exist. */
    NOT_FOUND(FailureTypes.NOT_FOUND),
    /** 400 and other refusals, bad plan input, TLS trust problems. */
    INVALID_REQUEST(FailureTypes.INVALID_REQUEST),
    /**
     * Live state disagrees with what the cutover expects (offset sync already off, mirror FAILED).
     */
    STATE_DRIFT(FailureTypes.STATE_DRIFT),
    /** 429, 5xx, timeouts, connection errors, a read-back that does not match yet. */
    TRANSIENT(FailureTypes.TRANSIENT);

    private final String failureType;

    Kind(String failureType) {
      this.failureType = failureType;
    }

    /** The {@link FailureTypes} constant for this kind. */
    public String failureType() {
      return failureType;
    }
  }

  private final Kind kind;
  private final int httpStatus;

  /**
   * @param httpStatus the HTTP status, or 0 when there was no HTTP answer
   */
  public ClusterLinkException(Kind kind, int httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.httpStatus = httpStatus;
  }

  static ClusterLinkException invalid(String message) {
    return new ClusterLinkException(Kind.INVALID_REQUEST, 0, message, null);
  }

  static ClusterLinkException drift(String message) {
    return new ClusterLinkException(Kind.STATE_DRIFT, 0, message, null);
  }

  static ClusterLinkException transientFailure(String message) {
    return new ClusterLinkException(Kind.TRANSIENT, 0, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status of the answer, or 0 when none came (timeout, connection, local check). */
  public int httpStatus() {
    return httpStatus;
  }

  /** True when retrying the same call later can succeed (429, 5xx, timeouts, connections). */
  public boolean retryable() {
    return kind == Kind.TRANSIENT;
  }

  /** The {@link FailureTypes} constant to raise this as. */
  public String failureType() {
    return kind.failureType();
  }
}
