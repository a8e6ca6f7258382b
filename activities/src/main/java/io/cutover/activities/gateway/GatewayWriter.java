package io.cutover.activities.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.workflow.activity.FailureTypes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a desired Gateway CR with optimistic concurrency: read the live object, put the desired
 * spec into it, replace it with the live resourceVersion, and on 409 Conflict read again and retry.
 * Neither server-side apply nor a JSON merge patch is used: a replace of the whole object sets
 * {@code spec.routes} exactly, on a real API server and on the fabric8 mock alike.
 */
public final class GatewayWriter {
  private static final Logger log = LoggerFactory.getLogger(GatewayWriter.class);

  /**
   * What a write did.
   *
   * @param changed false when the live spec already equalled the desired one and nothing was sent
   * @param generation metadata.generation after the write (or as read, when unchanged)
   * @param writtenAt when the accepted write was sent; null when unchanged
   * @param resourceVersion resourceVersion after the write
   * @param conflicts how many 409s were retried
   * @param desired the CR the live one was made equal to (derived from the last live CR read)
   */
  public record WriteResult(
      boolean changed,
      long generation,
      Instant writtenAt,
      String resourceVersion,
      int conflicts,
      JsonNode desired) {}

  private final int maxAttempts;
  private final Clock clock;
  private final Runnable beforeUpdate;

  public GatewayWriter(int conflictRetries, Clock clock) {
    this(conflictRetries, clock, () -> {});
  }

  /**
   * @param beforeUpdate runs between the read and the replace (tests use it to race a writer)
   */
  GatewayWriter(int conflictRetries, Clock clock, Runnable beforeUpdate) {
    this.maxAttempts = Math.max(1, conflictRetries + 1);
    this.clock = clock;
    this.beforeUpdate = beforeUpdate;
  }

  public GatewayWriter() {
    this(GatewayOptions.defaults().conflictRetries(), Clock.systemUTC());
  }

  /**
   * Makes the live Gateway's spec equal the desired CR's spec. Labels and annotations of the
   * desired CR are merged over the live ones; other live metadata (finalizers, ownerReferences) is
   * kept.
   *
   * <p>Idempotent: no write when the live spec already equals the desired spec.
   *
   * @throws GatewayException NOT_FOUND when the Gateway does not exist, TRANSIENT when conflicts
   *     persist, or the API error's classification
   */
  public WriteResult write(
      KubernetesClient client, String namespace, String name, JsonNode desired) {
    return write(client, namespace, name, live -> desired);
  }

  /**
   * {@link #write(KubernetesClient, String, String, JsonNode)} for a CR derived from the live one:
   * {@code fromLive} is applied to each live CR read, so a write retried after a 409 keeps what the
   * other writer changed.
   */
  public WriteResult write(
      KubernetesClient client,
      String namespace,
      String name,
      Function<ObjectNode, JsonNode> fromLive) {
    String what = "gateway " + namespace + "/" + name;
    for (int attempt = 1; ; attempt++) {
      ObjectNode live;
      try {
        live = GatewayResources.read(client, namespace, name);
      } catch (KubernetesClientException e) {
        throw GatewayException.fromApi("reading " + what, e);
      }
      if (live == null) {
        throw new GatewayException(
            FailureTypes.NOT_FOUND,
            what
                + " does not exist; create it (the"
                + " cutover only edits an existing Gateway) or fix spec.gateway.namespace/crs.initial");
      }
      JsonNode desired = fromLive.apply(live);
      if (GatewayCrs.specEquals(live, desired)) {
        log.info("{}: live spec already as desired, nothing written", what);
        return new WriteResult(
            false, generation(live), null, resourceVersion(live), attempt - 1, desired);
      }
      ObjectNode body = merge(live, desired);
      Instant sentAt = clock.instant();
      beforeUpdate.run();
      try {
        GenericKubernetesResource written =
            GatewayResources.gateways(client)
                .inNamespace(namespace)
                .resource(GatewayResources.fromTree(body))
                .update();
        ObjectNode after = GatewayResources.toTree(written);
        log.info("{}: spec written, generation {}", what, generation(after));
        return new WriteResult(
            true, generation(after), sentAt, resourceVersion(after), attempt - 1, desired);
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409 && attempt < maxAttempts) {
          log.info(
              "{}: 409 Conflict (someone else wrote it), re-reading (attempt {}/{})",
              what,
              attempt,
              maxAttempts);
          continue;
        }
        if (e.getCode() == 409) {
          throw new GatewayException(
              FailureTypes.TRANSIENT,
              "writing "
                  + what
                  + " kept conflicting with"
                  + " another writer ("
                  + maxAttempts
                  + " attempts, HTTP 409); will retry. If it persists, find"
                  + " what else edits the Gateway (a GitOps controller?) and pause it during the cutover",
              e);
        }
        throw GatewayException.fromApi("writing " + what, e);
      }
    }
  }

  /** The live object with the desired spec, labels and annotations, and no managedFields. */
  static ObjectNode merge(ObjectNode live, JsonNode desired) {
    ObjectNode body = live.deepCopy();
    body.set("spec", desired.path("spec").deepCopy());
    if (desired.hasNonNull("apiVersion")) {
      body.set("apiVersion", desired.get("apiVersion"));
    }
    ObjectNode meta = (ObjectNode) body.get("metadata");
    // managedFields in an update body would overwrite the server's field ownership records.
    meta.remove("managedFields");
    for (String key : new String[] {"labels", "annotations"}) {
      JsonNode wanted = desired.path("metadata").path(key);
      if (wanted.isObject() && !wanted.isEmpty()) {
        ObjectNode target = meta.get(key) instanceof ObjectNode o ? o : meta.putObject(key);
        for (Map.Entry<String, JsonNode> e : wanted.properties()) {
          target.set(e.getKey(), e.getValue());
        }
      }
    }
    return body;
  }

  static long generation(JsonNode cr) {
    return cr.path("metadata").path("generation").asLong(0);
  }

  static String resourceVersion(JsonNode cr) {
    return cr.path("metadata").path("resourceVersion").asText("");
  }
}
