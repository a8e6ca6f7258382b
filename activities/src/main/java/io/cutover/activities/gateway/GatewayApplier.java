package io.cutover.activities.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.workflow.activity.GatewayActivities.GatewayChange;
import io.cutover.workflow.activity.Targets;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Write a desired CR, then wait for the operator to accept it and for the rollout: the sequence
 * behind fence, unfence and switch. Reads the previous attempt's heartbeat details so a retry after
 * a crash keeps waiting for the pods the first attempt saw, instead of calling the write a no-op.
 */
public final class GatewayApplier {
  private final GatewayOptions options;
  private final Clock clock;
  private final GatewayWriter writer;
  private final GatewayAcceptance acceptance;
  private final GatewayRollout rollout;
  private final PodConfigs podConfigs;

  public GatewayApplier(GatewayOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
    this.writer = new GatewayWriter(options.conflictRetries(), clock);
    this.acceptance = new GatewayAcceptance(options.pollInterval(), options.rejectionSettle());
    this.rollout = new GatewayRollout(options.pollInterval());
    this.podConfigs = new PodConfigs(options.pollInterval());
  }

  /**
   * Makes the live Gateway carry {@code edit} (the CR forced to {@code namespace/name}) and waits
   * until the operator accepted it and the Deployment rolled out with none of the pods from before
   * the write left; on a hot-reload gateway the pods stay, and the spec is stamped with a {@code
   * configId} that every pod's {@code /config} must answer instead ({@link PodConfigs}). When
   * nothing had to be written, only the Deployment is awaited, unless {@code prior} shows an
   * earlier attempt wrote this same edit: then its pods and write time are used.
   *
   * <p>Idempotent. Each wait is bounded by {@code timeout}.
   *
   * @param action what the write is, for messages ("fence", "unfence", "switch")
   * @param prior the previous attempt's heartbeat details, or null
   */
  public GatewayChange apply(
      KubernetesClient client,
      Targets.Gateway gateway,
      GatewayEdit edit,
      Duration timeout,
      GatewayProgress prior,
      GatewayHeartbeat heartbeat,
      String action) {
    return apply(client, gateway, edit, timeout, prior, heartbeat, action, false);
  }

  /**
   * {@link #apply} for an edit the live CR carried a moment ago: confirms the operator accepted it
   * and the Deployment is rolled out, opening watches only if a wait has to sleep (it writes only
   * if the edit was undone in between).
   */
  public GatewayChange confirm(
      KubernetesClient client,
      Targets.Gateway gateway,
      GatewayEdit edit,
      Duration timeout,
      GatewayProgress prior,
      GatewayHeartbeat heartbeat,
      String action) {
    return apply(client, gateway, edit, timeout, prior, heartbeat, action, true);
  }

  private GatewayChange apply(
      KubernetesClient client,
      Targets.Gateway gateway,
      GatewayEdit edit,
      Duration timeout,
      GatewayProgress prior,
      GatewayHeartbeat heartbeat,
      String action,
      boolean confirmation) {
    String namespace = gateway.namespace();
    String name = gateway.name();
    Duration bound = options.timeoutOr(timeout);
    Function<ObjectNode, JsonNode> fromLive =
        live -> {
          ObjectNode target =
              GatewayCrs.withIdentity(GatewayCrs.clean(edit.desired(live)), namespace, name);
          // The pods' own answer is the only confirmation of an in-place change: stamp the id
          // they serve.
          if (PodConfigs.hotReload(target)) {
            PodConfigs.stamp(target);
          }
          return target;
        };
    String hash = editHash(edit);
    // Opened before the write, so that no change the operator makes afterwards is missed; a
    // confirmation, which expects to write nothing, opens them only if it has to wait.
    try (GatewayWatch wake =
        confirmation
            ? GatewayWatch.onFirstWait(client, namespace, name)
            : GatewayWatch.open(client, namespace, name)) {
      List<String> podsBefore = GatewayRollout.podUids(client, namespace, name);
      Instant intended = clock.instant();
      heartbeat.beat(
          new GatewayProgress(hash, "write", intended, 0, podsBefore, action + ": writing the CR"));

      GatewayWriter.WriteResult write = writer.write(client, namespace, name, fromLive);
      boolean hotReload = PodConfigs.hotReload(write.desired());
      String configId =
          hotReload ? write.desired().path("spec").path("configId").asText(null) : null;
      // An attempt heartbeating before edits were route-scoped recorded the whole stamped CR's
      // hash; either names the same write.
      boolean resumed =
          !write.changed()
              && prior != null
              && (hash.equals(prior.desiredHash())
                  || specHash(write.desired()).equals(prior.desiredHash()))
              && prior.writtenAt() != null;
      Instant writtenAt;
      List<String> oldPods;
      if (write.changed()) {
        writtenAt = write.writtenAt();
        oldPods = podsBefore;
      } else if (resumed) {
        writtenAt = prior.writtenAt();
        oldPods = prior.oldPodUids();
      } else {
        writtenAt = null;
        oldPods = List.of();
      }
      GatewayProgress progress =
          new GatewayProgress(
              hash,
              "acceptance",
              writtenAt,
              write.generation(),
              oldPods,
              action + ": " + (write.changed() ? "written" : "no change"));
      heartbeat.beat(progress);

      GatewayAcceptance.Accepted accepted =
          acceptance.await(
              client,
              namespace,
              name,
              writtenAt,
              write.changed() ? write.generation() : 0,
              bound,
              wake,
              line -> heartbeat.beat(progress.with("acceptance", line)));

      // With hot reload the pods apply the config in place and are not replaced, so waiting for
      // them to disappear would never end; the Deployment check still runs, then every pod's
      // /config.
      List<String> mustGo = hotReload ? List.of() : oldPods;
      GatewayRollout.Result rolled =
          rollout.await(
              client,
              namespace,
              name,
              mustGo,
              bound,
              wake,
              line -> heartbeat.beat(progress.with("rollout", line)));

      int confirmed =
          hotReload
              ? podConfigs.await(
                  client,
                  namespace,
                  name,
                  configId,
                  () -> laterCarrying(client, namespace, name, edit, write.generation()),
                  gateway.configPort(),
                  gateway.hotReloadTimeout(),
                  line -> heartbeat.beat(progress.with("hot reload", line)))
              : 0;
      boolean changed = write.changed() || resumed;
      StringBuilder detail =
          new StringBuilder(action)
              .append(" gateway ")
              .append(namespace)
              .append('/')
              .append(name)
              .append(": ");
      if (write.changed()) {
        detail.append("CR written");
        if (write.conflicts() > 0) {
          detail.append(" after ").append(write.conflicts()).append(" conflict(s)");
        }
      } else if (resumed) {
        detail.append("CR already written by an earlier attempt");
      } else {
        detail.append("live spec already as desired, nothing written");
      }
      detail
          .append("; generation ")
          .append(accepted.generation())
          .append(" accepted by the operator; Deployment ")
          .append(rolled.deployment())
          .append(' ')
          .append(rolled.readyReplicas())
          .append(" ready");
      if (!mustGo.isEmpty()) {
        detail.append("; ").append(mustGo.size()).append(" pod(s) from before the write replaced");
      } else if (hotReload) {
        detail
            .append("; hot reload: configId ")
            .append(configId)
            .append(" served by all ")
            .append(confirmed)
            .append(" pod(s)");
      }
      return new GatewayChange(changed, accepted.generation(), mustGo.size(), detail.toString());
    }
  }

  /**
   * The config id of the live CR when it is a later generation than {@code written} and still
   * carries {@code edit}: a write derived from this one, by another group of the gateway.
   */
  private static Optional<String> laterCarrying(
      KubernetesClient client, String namespace, String name, GatewayEdit edit, long written) {
    ObjectNode live = GatewayResources.read(client, namespace, name);
    if (live == null
        || GatewayWriter.generation(live) <= written
        || !edit.appliedIn(live)
        || !live.path("spec").path("configId").isTextual()) {
      return Optional.empty();
    }
    return Optional.of(live.path("spec").path("configId").asText());
  }

  /** Short SHA-256 of the spec without null fields: the hot-reload config id of a desired CR. */
  static String specHash(JsonNode cr) {
    return hash(cr.path("spec"));
  }

  /**
   * Identifies "the same edit" across attempts (heartbeat details), whatever else the live CR
   * carries by then.
   */
  static String editHash(GatewayEdit edit) {
    return hash(edit.identity());
  }

  private static String hash(JsonNode node) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  GatewayResources.toJson(GatewayCrs.canonical(node))
                      .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
