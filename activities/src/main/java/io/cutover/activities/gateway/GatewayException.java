package io.cutover.activities.gateway;

import io.cutover.workflow.activity.FailureTypes;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * A gateway operation failed. Carries the {@link FailureTypes} type the activity reports, so the
 * plain classes decide the classification and the activity layer only translates it.
 */
public class GatewayException extends RuntimeException {
  private final String type;

  public GatewayException(String type, String message) {
    super(message);
    this.type = type;
  }

  public GatewayException(String type, String message, Throwable cause) {
    super(message, cause);
    this.type = type;
  }

  /** One of the {@link FailureTypes} constants. */
  public String type() {
    return type;
  }

  /** True when Temporal may retry: a later attempt can succeed without anyone fixing anything. */
  public boolean retryable() {
    return FailureTypes.ROLLOUT_TIMEOUT.equals(type) || FailureTypes.TRANSIENT.equals(type);
  }

  /**
   * Classifies a Kubernetes API error: 401/403 need RBAC or credentials fixed, 404 a missing
   * object, 400/422 a CR the API server refuses; everything else (5xx, 409 after retries,
   * connection problems) may pass on retry.
   *
   * @param what what was being done, e.g. {@code "reading gateway confluent/gw"}
   */
  public static GatewayException fromApi(String what, KubernetesClientException e) {
    int code = e.getCode();
    String reason = apiReason(e);
    return switch (code) {
      case 401, 403 ->
          new GatewayException(
              FailureTypes.UNAUTHORIZED,
              what
                  + " was refused (HTTP "
                  + code
                  + "): "
                  + reason
                  + ". Grant the worker's Kubernetes identity the RBAC it needs (gateways get/update/patch,"
                  + " deployments get/list, pods list) or fix the kubeconfig/context.",
              e);
      case 404 ->
          new GatewayException(
              FailureTypes.NOT_FOUND,
              what
                  + ": not found (HTTP 404): "
                  + reason
                  + ". Check the namespace and name in spec.gateway.",
              e);
      case 400, 422 ->
          new GatewayException(
              FailureTypes.INVALID_REQUEST,
              what
                  + " was rejected by the API server as invalid (HTTP "
                  + code
                  + "): "
                  + reason
                  + ". Fix the gateway CR so it matches the Gateway CRD.",
              e);
      default ->
          new GatewayException(
              FailureTypes.TRANSIENT,
              what
                  + " failed"
                  + (code > 0 ? " (HTTP " + code + ")" : "")
                  + ": "
                  + reason
                  + ". Retrying; if it persists, check that the Kubernetes API server is reachable.",
              e);
    };
  }

  /** The API server's own message when there is one, else the client's. */
  static String apiReason(KubernetesClientException e) {
    if (e.getStatus() != null
        && e.getStatus().getMessage() != null
        && !e.getStatus().getMessage().isBlank()) {
      return e.getStatus().getMessage();
    }
    return String.valueOf(e.getMessage());
  }
}
