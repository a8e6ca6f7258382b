package io.cutover.activities.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.activity.GatewayActivities.FenceCheck;
import io.cutover.workflow.activity.GatewayActivities.FenceRequest;
import io.cutover.workflow.activity.GatewayActivities.GatewayChange;
import io.cutover.workflow.activity.GatewayActivities.SwitchRequest;
import io.cutover.workflow.activity.GatewayActivities.UnfenceRequest;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.FenceErrorCode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.List;

/**
 * The gateway activities' logic without Temporal: derive the desired CR, hand it to {@link
 * GatewayApplier}, and describe what was observed. {@link GatewayActivitiesImpl} adds heartbeats
 * and failure mapping.
 */
public final class GatewayOperations {
  private final GatewayApplier applier;

  public GatewayOperations(GatewayOptions options, Clock clock) {
    this.applier = new GatewayApplier(options, clock);
  }

  /**
   * Applies the fence derived from the snapshot to the migration's routes; the other routes stay as
   * they are live ({@link GatewayEdit}). Idempotent; inverse {@link #unfence}.
   */
  public GatewayChange fence(
      KubernetesClient client, FenceRequest req, GatewayProgress prior, GatewayHeartbeat hb) {
    Targets.Gateway g = req.gateway();
    return applier.apply(client, g, fenced(req), req.rolloutTimeout(), prior, hb, "fence");
  }

  private static GatewayEdit fenced(FenceRequest req) {
    return GatewayEdit.fence(req.base(), req.routes(), code(req.errorCode()));
  }

  /**
   * Reads the live CR; when the fence is in place as expected, only confirms acceptance and the
   * Deployment; otherwise re-applies the fence as {@link #fence} does.
   */
  public FenceCheck assertFenced(
      KubernetesClient client, FenceRequest req, GatewayProgress prior, GatewayHeartbeat hb) {
    Targets.Gateway g = req.gateway();
    FenceErrorCode code = code(req.errorCode());
    ObjectNode live = readLive(client, g);
    List<String> deviations = GatewayCrs.fenceDeviations(live, req.routes(), code);
    if (deviations.isEmpty()) {
      // The fence is live; re-applying the snapshot's routes would also revert unrelated edits of
      // them, which is not this check's business. Confirm the operator accepted what is there.
      GatewayChange seen =
          applier.confirm(
              client,
              g,
              GatewayEdit.routesOf(live, req.routes()),
              req.rolloutTimeout(),
              prior,
              hb,
              "check fence of");
      return new FenceCheck(
          true,
          "fence live on route(s) "
              + String.join(", ", req.routes())
              + " (errorCode "
              + code.name()
              + "); "
              + seen.detail());
    }
    GatewayChange change =
        applier.apply(client, g, fenced(req), req.rolloutTimeout(), prior, hb, "re-fence");
    return new FenceCheck(
        false,
        "fence had drifted ("
            + String.join("; ", deviations)
            + "), re-applied: "
            + change.detail());
  }

  /**
   * Re-applies the snapshot's version of the migration's routes; the other routes stay as they are
   * live. A request recorded before requests named their routes re-applies the whole snapshot, as
   * it did then. Idempotent; inverse {@link #fence}.
   */
  public GatewayChange unfence(
      KubernetesClient client, UnfenceRequest req, GatewayProgress prior, GatewayHeartbeat hb) {
    Targets.Gateway g = req.gateway();
    GatewayEdit edit =
        req.routes() == null || req.routes().isEmpty()
            ? new GatewayEdit.WholeSpec(GatewayCrs.unfence(req.base()))
            : GatewayEdit.unfence(req.base(), req.routes());
    return applier.apply(client, g, edit, req.rolloutTimeout(), prior, hb, "unfence");
  }

  /**
   * Applies the switchover CR under the target's name and namespace, but for the routes the
   * migration does not fence, or, when the request has none, the switch derived from the snapshot
   * for the migration's routes only ({@link GatewaySwitch#switched}). The other routes stay as they
   * are live either way ({@link GatewayEdit}). Idempotent; no inverse.
   */
  public GatewayChange switchTo(
      KubernetesClient client, SwitchRequest req, GatewayProgress prior, GatewayHeartbeat hb) {
    Targets.Gateway g = req.gateway();
    boolean derived = req.switchoverCr() == null || req.switchoverCr().isBlank();
    GatewayEdit edit =
        derived
            ? GatewayEdit.derivedSwitch(req.base(), req.routes(), req.targetStreamingDomain())
            : switchover(req);
    String drift = req.fenceFirst() == null ? null : refenceIfDrifted(client, req, edit, prior, hb);
    GatewayChange change =
        applier.apply(client, g, edit, req.rolloutTimeout(), prior, hb, "switch");
    return drift == null ? change : change.withRefenced(drift);
  }

  /** A request recorded before SWITCH named the routes applies the file's whole spec, as then. */
  private static GatewayEdit switchover(SwitchRequest req) {
    ObjectNode cr = parseSwitchover(req.switchoverCr());
    return req.routes() == null || req.routes().isEmpty()
        ? new GatewayEdit.WholeSpec(cr)
        : new GatewayEdit.Switchover(cr, req.routes());
  }

  /**
   * Before a switch: re-applies a drifted fence and says how it had drifted; null when the fence is
   * live, or when the live CR already is the switch (an attempt retried after its write).
   */
  private String refenceIfDrifted(
      KubernetesClient client,
      SwitchRequest req,
      GatewayEdit switched,
      GatewayProgress prior,
      GatewayHeartbeat hb) {
    FenceRequest f = req.fenceFirst();
    ObjectNode live = readLive(client, req.gateway());
    if (switched.appliedIn(live)) {
      return null;
    }
    FenceErrorCode code = code(f.errorCode());
    List<String> deviations = GatewayCrs.fenceDeviations(live, f.routes(), code);
    if (deviations.isEmpty()) {
      return null;
    }
    applier.apply(
        client, req.gateway(), fenced(f), f.rolloutTimeout(), prior, hb, "re-fence before switch");
    return String.join("; ", deviations);
  }

  /**
   * The switchover YAML as a CR tree; apiVersion and kind default to the Gateway's.
   *
   * @throws GatewayException INVALID_REQUEST when it does not parse or is not a Gateway
   */
  static ObjectNode parseSwitchover(String yaml) {
    ObjectNode cr =
        GatewayCrRules.readCr(
            yaml,
            "switchover",
            m -> {
              throw invalid(m + "; fix the file and run init again");
            });
    String kind = cr.path("kind").asText(GatewayResources.KIND);
    String apiVersion = cr.path("apiVersion").asText(GatewayResources.API_VERSION);
    if (!GatewayResources.KIND.equals(kind) || !GatewayResources.API_VERSION.equals(apiVersion)) {
      throw invalid(
          "the switchover CR is "
              + apiVersion
              + " "
              + kind
              + ", expected "
              + GatewayResources.API_VERSION
              + " "
              + GatewayResources.KIND
              + "; fix the file and run init again");
    }
    cr.put("apiVersion", apiVersion);
    cr.put("kind", kind);
    if (!cr.path("spec").isObject()) {
      throw invalid("the switchover gateway CR has no spec; fix the file and run init again");
    }
    return cr;
  }

  private static ObjectNode readLive(KubernetesClient client, Targets.Gateway g) {
    ObjectNode live;
    try {
      live = GatewayResources.read(client, g.namespace(), g.name());
    } catch (KubernetesClientException e) {
      throw GatewayException.fromApi("reading gateway " + g, e);
    }
    if (live == null) {
      throw new GatewayException(
          FailureTypes.NOT_FOUND,
          "gateway "
              + g
              + " does not exist; it was deleted"
              + " during the cutover. Re-create it from the snapshot taken at init, then retry");
    }
    return live;
  }

  private static FenceErrorCode code(FenceErrorCode c) {
    return c == null ? FenceErrorCode.BROKER_NOT_AVAILABLE : c;
  }

  private static GatewayException invalid(String message) {
    return new GatewayException(FailureTypes.INVALID_REQUEST, message);
  }
}
