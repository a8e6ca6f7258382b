package io.cutover.activities.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.workflow.model.FenceErrorCode;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/** VALIDATE's check of the routes the migration fences, in the live Gateway CR. */
final class FenceTargets {
  private FenceTargets() {}

  /**
   * Each route to fence must exist. One fenced already in a cutover's shape (kcp's resume after an
   * interrupted run finds it so) is taken as it would be without that fence ({@link
   * GatewayCrs#snapshot(JsonNode, List)}), with a warning, because its clients are blocked now and
   * an unfence lets them in. A fence of another shape is the operator's own, and a problem.
   */
  static void check(
      JsonNode initial, List<String> fence, List<String> problems, List<String> warnings) {
    for (String r : new LinkedHashSet<>(fence)) {
      JsonNode route = GatewayCrs.route(initial, r);
      if (route == null) {
        problems.add(
            "the live gateway CR has no route named \""
                + r
                + "\" for the migration to fence (declared: "
                + String.join(", ", GatewayCrs.routeNames(initial))
                + "); fix spec.gateway.fence.routes");
      } else if (GatewayCrs.isFenced(route) && !cutoverFence(route.get("fence"))) {
        problems.add(
            "the live gateway CR fences route \""
                + r
                + "\" with "
                + route.get("fence")
                + ", which is not a cutover's fence ({scope: ALL, errorCode: <code>}): an operator's"
                + " own, which the cutover would overwrite and a rollback would lift. Remove it from"
                + " the live Gateway first, or leave this route out of spec.gateway.fence.routes");
      } else if (GatewayCrs.isFenced(route)) {
        warnings.add(
            "the live gateway CR already fences route \""
                + r
                + "\" ("
                + route.get("fence")
                + "), so its clients are blocked now (an earlier run interrupted?); Cutover records the"
                + " route without that fence as the state to restore: FENCE fences it again with the"
                + " plan's error code, and an unfence before PROMOTE (a rollback or a failed check)"
                + " lets its clients back in to the source");
      }
    }
  }

  /** The shape a cutover fences with: Cutover's, and kcp's on a static route (docs/manifest.md). */
  private static boolean cutoverFence(JsonNode fence) {
    if (!fence.isObject() || fence.size() != 2) {
      return false;
    }
    String code = fence.path("errorCode").asText("");
    return GatewayCrs.FENCE_SCOPE.equals(fence.path("scope").asText(""))
        && Arrays.stream(FenceErrorCode.values()).anyMatch(c -> c.name().equals(code));
  }
}
