package io.cutover.activities.gateway;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the API server, with SelfSubjectAccessReviews, whether the worker's identity may do what the
 * cutover does, so a missing permission shows up at VALIDATE instead of while clients are fenced.
 */
public final class GatewayRbac {
  private GatewayRbac() {}

  /** One permission: verb on group/resource in the gateway's namespace. */
  public record Need(String group, String resource, String verb, boolean required, String why) {
    String describe() {
      return verb + " " + (group.isEmpty() ? resource : resource + "." + group);
    }
  }

  /** What the cutover needs; reading secrets only serves the VALIDATE secret check. */
  public static final List<Need> NEEDS =
      List.of(
          new Need(
              GatewayResources.GROUP, GatewayResources.PLURAL, "get", true, "read the gateway"),
          new Need(
              GatewayResources.GROUP,
              GatewayResources.PLURAL,
              "update",
              true,
              "fence, unfence and switch it"),
          new Need(
              GatewayResources.GROUP,
              GatewayResources.PLURAL,
              "patch",
              true,
              "fence, unfence and switch it"),
          new Need("apps", "deployments", "get", true, "watch the rollout"),
          new Need("apps", "deployments", "list", true, "find the Deployment the Gateway owns"),
          new Need("", "pods", "list", true, "wait until pods from before a change are gone"),
          new Need(
              GatewayResources.GROUP,
              GatewayResources.PLURAL,
              "watch",
              false,
              "wake a gateway wait when the operator answers, instead of at its next poll"),
          new Need("apps", "deployments", "watch", false, "wake a rollout wait on a change"),
          new Need("", "pods", "watch", false, "wake a rollout wait on a change"),
          new Need(
              "", "secrets", "get", false, "check that Secrets the switchover CR names exist"));

  /** What a gateway with hot reload on needs as well: each pod's /config, through the API. */
  public static final Need POD_PROXY =
      new Need(
          "",
          "pods/proxy",
          "get",
          true,
          "read each pod's /config, which confirms a change on a hot-reload gateway");

  /** Every permission a cutover may need: the deployment manifests grant exactly these. */
  public static final List<Need> ALL =
      java.util.stream.Stream.concat(NEEDS.stream(), java.util.stream.Stream.of(POD_PROXY))
          .toList();

  /**
   * @param problems missing required permissions; {@code warnings} missing optional ones or no
   *     answer
   */
  public record Result(List<String> problems, List<String> warnings) {}

  /** Reviews every {@link #NEEDS} entry in {@code namespace}. Read-only. */
  public static Result check(KubernetesClient client, String namespace) {
    return check(client, namespace, false);
  }

  /**
   * Reviews every {@link #NEEDS} entry in {@code namespace}, and {@link #POD_PROXY} for a gateway
   * with hot reload on. Read-only.
   */
  public static Result check(KubernetesClient client, String namespace, boolean hotReload) {
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> unanswered = new ArrayList<>();
    for (Need need : hotReload ? ALL : NEEDS) {
      SelfSubjectAccessReview review =
          new SelfSubjectAccessReviewBuilder()
              .withNewSpec()
              .withNewResourceAttributes()
              .withNamespace(namespace)
              .withGroup(need.group())
              .withResource(need.resource())
              .withVerb(need.verb())
              .endResourceAttributes()
              .endSpec()
              .build();
      SelfSubjectAccessReview answer;
      try {
        answer = client.authorization().v1().selfSubjectAccessReview().create(review);
      } catch (KubernetesClientException e) {
        warnings.add(
            "could not check RBAC (creating a SelfSubjectAccessReview failed: "
                + GatewayException.apiReason(e)
                + "); the cutover's permissions were not verified");
        return new Result(problems, warnings);
      }
      Boolean allowed =
          (answer == null || answer.getStatus() == null) ? null : answer.getStatus().getAllowed();
      if (allowed == null) {
        unanswered.add(need.describe());
      } else if (!allowed) {
        String msg =
            "the worker's Kubernetes identity may not "
                + need.describe()
                + " in namespace "
                + namespace
                + " (needed to "
                + need.why()
                + "); grant it with a Role rule {apiGroups: [\""
                + need.group()
                + "\"], resources: [\""
                + need.resource()
                + "\"], verbs: [\""
                + need.verb()
                + "\"]}";
        (need.required() ? problems : warnings).add(msg);
      }
    }
    if (!unanswered.isEmpty()) {
      warnings.add(
          "the API server gave no answer to access reviews for "
              + String.join(", ", unanswered)
              + "; those permissions were not verified");
    }
    return new Result(problems, warnings);
  }
}
