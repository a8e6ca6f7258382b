package io.cutover.activities.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.manifest.CredentialScan;
import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.GatewaySnapshot;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway part of VALIDATE: reads the live Gateway, snapshots it, cross-checks it with the
 * switchover CR or the derived switch ({@link GatewayCrRules}), checks that every Secret the switch
 * relies on exists, that RBAC allows the cutover's calls, and that the API server accepts the
 * fenced and the switched CR ({@link GatewayDryRun}). Collects every problem; never throws for a
 * finding.
 */
public final class GatewayCrValidator {
  private GatewayCrValidator() {}

  /**
   * Runs every gateway check. Reads only.
   *
   * @param switchoverYaml the switchover CR file's content
   * @param fenceRoutes the routes the migration fences
   */
  public static GatewayValidation validate(
      KubernetesClient client,
      String namespace,
      String gatewayName,
      String switchoverYaml,
      List<String> fenceRoutes) {
    return validate(
        client,
        namespace,
        gatewayName,
        switchoverYaml,
        "",
        fenceRoutes,
        FenceErrorCode.BROKER_NOT_AVAILABLE);
  }

  /**
   * Runs every gateway check, then, when they all pass, sends the fenced and the switched CR as
   * server-side dry runs ({@link GatewayDryRun}). Writes nothing.
   *
   * @param switchoverYaml the switchover CR file's content; empty for a derived switch
   * @param targetDomain the derived switch's target streaming domain; empty with a switchover CR
   * @param fenceRoutes the routes the migration fences (and a derived switch binds to the target)
   * @param fenceCode the error code the fence will answer
   */
  public static GatewayValidation validate(
      KubernetesClient client,
      String namespace,
      String gatewayName,
      String switchoverYaml,
      String targetDomain,
      List<String> fenceRoutes,
      FenceErrorCode fenceCode) {
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    ObjectNode live = null;
    try {
      live = GatewayResources.read(client, namespace, gatewayName);
      if (live == null) {
        problems.add(
            "gateway "
                + namespace
                + "/"
                + gatewayName
                + " does not exist; spec.gateway.crs.initial must name"
                + " the live Gateway and spec.gateway.namespace its namespace");
      }
    } catch (KubernetesClientException e) {
      problems.add(
          GatewayException.fromApi("reading gateway " + namespace + "/" + gatewayName, e)
              .getMessage());
    }
    // The snapshot is recorded in history and re-applied by unfence, so it cannot be redacted: a
    // live
    // CR holding a secret value is refused, and not snapshotted.
    List<CredentialScan.Leak> leaks =
        live == null ? List.of() : CredentialScan.tree(GatewayCrs.clean(live));
    leaks.forEach(
        l -> problems.add(l.problem("gateway CR " + namespace + "/" + gatewayName + ": ")));
    GatewaySnapshot snapshot =
        live == null || !leaks.isEmpty() ? null : GatewayCrs.snapshot(live, fenceRoutes);

    GatewayCrRules.Findings findings =
        GatewayCrRules.check(
            live, switchoverYaml, targetDomain, fenceRoutes, namespace, gatewayName);
    problems.addAll(findings.problems());
    warnings.addAll(findings.warnings());

    String secrets = checkSecrets(client, namespace, findings, problems, warnings);

    GatewayRbac.Result rbac =
        GatewayRbac.check(client, namespace, live != null && PodConfigs.hotReload(live));
    problems.addAll(rbac.problems());
    warnings.addAll(rbac.warnings());

    if (problems.isEmpty() && snapshot != null) {
      try {
        GatewayDryRun.check(
            client,
            namespace,
            gatewayName,
            live,
            dryRuns(snapshot, switchoverYaml, targetDomain, fenceRoutes, fenceCode),
            problems,
            warnings);
      } catch (GatewayException | IllegalArgumentException e) {
        problems.add("the fenced or switched CR cannot be computed: " + e.getMessage());
      }
    }

    String summary =
        problems.isEmpty()
            ? "Gateway CRs validated (" + secrets + ")"
            : problems.size() + " gateway problem(s) found (" + secrets + ")";
    return new GatewayValidation(problems, warnings, snapshot, summary);
  }

  /**
   * The CRs FENCE and SWITCH will write, computed as they compute them (package-private for the
   * tests that compute them for example CRs).
   */
  static List<GatewayDryRun.Change> dryRuns(
      GatewaySnapshot snapshot,
      String switchoverYaml,
      String targetDomain,
      List<String> fenceRoutes,
      FenceErrorCode fenceCode) {
    boolean derived = switchoverYaml == null || switchoverYaml.isBlank();
    return List.of(
        new GatewayDryRun.Change(
            "the fenced CR (FENCE)",
            GatewayEdit.fence(snapshot, fenceRoutes, fenceCode),
            "the live CR or spec.gateway.fenceRoutes must change before the cutover can fence"),
        new GatewayDryRun.Change(
            derived ? "the derived switch (SWITCH)" : "the switchover CR (SWITCH)",
            derived
                ? GatewayEdit.derivedSwitch(snapshot, fenceRoutes, targetDomain)
                : new GatewayEdit.Switchover(
                    GatewayOperations.parseSwitchover(switchoverYaml), fenceRoutes),
            derived
                ? "check spec.gateway.targetStreamingDomain and the route's"
                    + " security.cluster.<domain> against the live CR"
                : "fix the switchover CR file and run init again"));
  }

  /** Looks up each referenced Secret; returns the outcome for the summary line. */
  static String checkSecrets(
      KubernetesClient client,
      String namespace,
      GatewayCrRules.Findings findings,
      List<String> problems,
      List<String> warnings) {
    List<String> names = findings.secretNames();
    if (findings.secretsOf() == null) {
      return "secret references not checked: the switchover CR did not parse or the live CR could not be read";
    }
    if (names.isEmpty()) {
      return "no secret references";
    }
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      try {
        if (client.secrets().inNamespace(namespace).withName(name).get() == null) {
          missing.add(name);
        }
      } catch (KubernetesClientException e) {
        if (e.getCode() == 401 || e.getCode() == 403) {
          warnings.add(
              "secret references were NOT checked: no permission to read secrets in namespace "
                  + namespace
                  + "; grant get on secrets, or check by hand that these exist: "
                  + String.join(", ", names));
          return "secret references NOT checked";
        }
        problems.add(
            "failed to check whether secret \""
                + name
                + "\" exists in namespace "
                + namespace
                + ": "
                + GatewayException.apiReason(e)
                + "; retry init when the API server answers");
        return "secret check failed";
      }
    }
    if (!missing.isEmpty()) {
      problems.add(
          findings.secretsOf()
              + " references "
              + missing.size()
              + " secret(s) that do not exist in"
              + " namespace "
              + namespace
              + ": "
              + String.join(", ", missing)
              + "; the Confluent operator would refuse"
              + " the spec and the gateway would stay fenced. Create them before the cutover");
    }
    return (names.size() - missing.size())
        + " of "
        + names.size()
        + " secret reference(s) present in "
        + namespace;
  }
}
