package io.cutover.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes the Gateway's {@code status} through the status subresource the way CFK reports it (the
 * CFK Gateway CR, docs/sandbox.md): {@code observedGeneration} advances only when a generation is
 * applied; the {@code platform.confluent.io/cluster-ready} condition is True after an apply and
 * False with reason {@code ApplyFailed} after a rejection (observedGeneration unchanged); a healthy
 * gateway also carries {@code garbage-collecting=False}. Timestamps are RFC 3339 with whole
 * seconds, as the API server serialises them. A True condition keeps its lastTransitionTime while
 * it stays True; an ApplyFailed is always stamped now, so a client that compares timestamps sees
 * every rejection.
 */
final class GatewayStatus {
  static final String CLUSTER_READY = "platform.confluent.io/cluster-ready";
  static final String GARBAGE_COLLECTING = "platform.confluent.io/garbage-collecting";
  private static final int ATTEMPTS = 10;

  private final KubernetesClient client;
  private final String namespace;
  private final String gateway;

  GatewayStatus(KubernetesClient client, String namespace, String gateway) {
    this.client = client;
    this.namespace = namespace;
    this.gateway = gateway;
  }

  /** Reports {@code generation} applied: observedGeneration and cluster-ready=True. */
  void accepted(long generation) {
    write(
        status -> {
          status.put(
              "observedGeneration",
              Math.max(generation, status.path("observedGeneration").asLong(0)));
          status.put("phase", "RUNNING");
          condition(
              status,
              CLUSTER_READY,
              "True",
              "Applied",
              "gateway configuration generation " + generation + " applied",
              false);
          condition(
              status,
              GARBAGE_COLLECTING,
              "False",
              "NotTriggered",
              "Garbage Collection not triggered",
              false);
        });
  }

  /** Reports a rejected spec: cluster-ready=False, reason ApplyFailed; observedGeneration stays. */
  void rejected(String message) {
    write(
        status -> {
          if (!status.has("phase")) {
            status.put("phase", "RUNNING");
          }
          condition(status, CLUSTER_READY, "False", "ApplyFailed", message, true);
        });
  }

  private interface Edit {
    void apply(ObjectNode status);
  }

  private void write(Edit edit) {
    KubernetesClientException last = null;
    for (int i = 0; i < ATTEMPTS; i++) {
      GenericKubernetesResource live =
          GatewayApi.gateways(client).inNamespace(namespace).withName(gateway).get();
      if (live == null) {
        throw new IllegalStateException(
            "Gateway " + namespace + "/" + gateway + " is gone; cannot write its status");
      }
      ObjectNode tree = GatewayApi.toTree(live);
      ObjectNode status = tree.get("status") instanceof ObjectNode s ? s : tree.putObject("status");
      edit.apply(status);
      try {
        GatewayApi.gateways(client)
            .inNamespace(namespace)
            .resource(GatewayApi.fromTree(tree))
            .updateStatus();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        last = e; // someone wrote the CR between our read and write: read again
      }
    }
    throw last;
  }

  private static void condition(
      ObjectNode status,
      String type,
      String value,
      String reason,
      String message,
      boolean alwaysStampNow) {
    ArrayNode conditions =
        status.get("conditions") instanceof ArrayNode a ? a : status.putArray("conditions");
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode c = null;
    for (JsonNode n : conditions) {
      if (type.equals(n.path("type").asText())) {
        c = (ObjectNode) n;
      }
    }
    if (c == null) {
      c = conditions.addObject().put("type", type);
    }
    boolean transition =
        alwaysStampNow || !value.equals(c.path("status").asText()) || !c.has("lastTransitionTime");
    c.put("status", value).put("reason", reason).put("message", message).put("lastProbeTime", now);
    if (transition) {
      c.put("lastTransitionTime", now);
    }
  }
}
