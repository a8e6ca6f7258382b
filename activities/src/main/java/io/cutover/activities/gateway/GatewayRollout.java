package io.cutover.activities.gateway;

import io.cutover.workflow.activity.FailureTypes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until the gateway's Deployment has rolled out and, after a write, no pod from before the
 * write is left: an old pod keeps serving the old config behind the Service until it is gone.
 */
public final class GatewayRollout {
  private static final Logger log = LoggerFactory.getLogger(GatewayRollout.class);

  /**
   * @param podsReplaced old pods that were gone at the end; {@code readyReplicas} ready at the end
   */
  public record Result(int podsReplaced, int readyReplicas, String deployment) {}

  private final Duration pollInterval;

  public GatewayRollout(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  /** UIDs of the gateway's pods (label {@code app=<gateway>}). */
  public static List<String> podUids(KubernetesClient client, String namespace, String gateway) {
    try {
      return client
          .pods()
          .inNamespace(namespace)
          .withLabel("app", gateway)
          .list()
          .getItems()
          .stream()
          .map(p -> p.getMetadata().getUid())
          .filter(Objects::nonNull)
          .sorted()
          .toList();
    } catch (KubernetesClientException e) {
      throw GatewayException.fromApi(
          "listing pods app=" + gateway + " in namespace " + namespace, e);
    }
  }

  /**
   * Polls until the Deployment is complete and none of {@code oldPodUids} exists, or times out.
   *
   * @param oldPodUids pods that must be gone; empty to wait for the Deployment only
   * @throws GatewayException ROLLOUT_TIMEOUT naming what was still missing; NOT_FOUND when no
   *     Deployment belongs to the gateway; UNAUTHORIZED
   */
  public Result await(
      KubernetesClient client,
      String namespace,
      String gateway,
      Collection<String> oldPodUids,
      Duration timeout,
      Consumer<String> onPoll) {
    return await(client, namespace, gateway, oldPodUids, timeout, GatewayWatch.NONE, onPoll);
  }

  /** As {@link #await}, woken early by {@code wake} when the Deployment or a pod changes. */
  Result await(
      KubernetesClient client,
      String namespace,
      String gateway,
      Collection<String> oldPodUids,
      Duration timeout,
      GatewayWatch wake,
      Consumer<String> onPoll) {
    Poller poller = new Poller(pollInterval, timeout, wake);
    Set<String> old = Set.copyOf(oldPodUids);
    String missing = "nothing read yet";
    while (true) {
      try {
        Deployment d = resolveDeployment(client, namespace, gateway);
        List<String> remaining =
            podUids(client, namespace, gateway).stream().filter(old::contains).toList();
        String state = describe(d);
        if (isComplete(d) && remaining.isEmpty()) {
          log.info("gateway {}/{} rolled out: {}", namespace, gateway, state);
          return new Result(old.size(), ready(d), d.getMetadata().getName());
        }
        missing =
            state
                + (remaining.isEmpty()
                    ? ""
                    : ", "
                        + remaining.size()
                        + " pod(s) from before the write still running: "
                        + String.join(", ", remaining));
      } catch (KubernetesClientException e) {
        GatewayException classified =
            GatewayException.fromApi(
                "watching the rollout of gateway " + namespace + "/" + gateway, e);
        if (!classified.retryable()) {
          throw classified;
        }
        missing = "last read failed: " + classified.getMessage();
        log.warn(missing);
      }
      onPoll.accept(
          "waiting for gateway "
              + namespace
              + "/"
              + gateway
              + " to roll out: "
              + missing
              + " ("
              + poller.elapsedText()
              + ")");
      if (poller.expired()) {
        throw new GatewayException(
            FailureTypes.ROLLOUT_TIMEOUT,
            "timed out after "
                + poller.timeoutText()
                + " waiting for gateway "
                + namespace
                + "/"
                + gateway
                + " to roll out: "
                + missing
                + ". Check the pods (kubectl -n "
                + namespace
                + " get pods -l app="
                + gateway
                + ") for crash loops or pending scheduling; raise rolloutTimeout if the rollout is just slow");
      }
      poller.sleep();
    }
  }

  /**
   * The Deployment named like the gateway, else the one a Gateway of that name owns.
   *
   * @throws GatewayException NOT_FOUND when there is none, INVALID_REQUEST when several match
   */
  public static Deployment resolveDeployment(
      KubernetesClient client, String namespace, String gateway) {
    Deployment byName = client.apps().deployments().inNamespace(namespace).withName(gateway).get();
    if (byName != null) {
      return byName;
    }
    List<Deployment> owned =
        client.apps().deployments().inNamespace(namespace).list().getItems().stream()
            .filter(d -> ownedByGateway(d, gateway))
            .toList();
    if (owned.isEmpty()) {
      throw new GatewayException(
          FailureTypes.NOT_FOUND,
          "no Deployment for gateway "
              + namespace
              + "/"
              + gateway
              + ": none is named "
              + gateway
              + " and none is owned by the Gateway. Check that the Confluent operator"
              + " created it (kubectl -n "
              + namespace
              + " get deployments)");
    }
    if (owned.size() > 1) {
      throw new GatewayException(
          FailureTypes.INVALID_REQUEST,
          "gateway "
              + namespace
              + "/"
              + gateway
              + " owns "
              + owned.size()
              + " Deployments ("
              + String.join(", ", owned.stream().map(d -> d.getMetadata().getName()).toList())
              + "); cannot tell which one serves it. Remove the stale one");
    }
    return owned.get(0);
  }

  static boolean ownedByGateway(HasMetadata d, String gateway) {
    return d.getMetadata().getOwnerReferences() != null
        && d.getMetadata().getOwnerReferences().stream()
            .anyMatch(
                o -> GatewayResources.KIND.equals(o.getKind()) && gateway.equals(o.getName()));
  }

  /**
   * Complete as {@code kubectl rollout status} sees it: the controller observed the latest
   * generation and every replica is updated and available, with no surplus old replicas.
   */
  public static boolean isComplete(Deployment d) {
    if (d == null || d.getStatus() == null) {
      return false;
    }
    DeploymentStatus s = d.getStatus();
    long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
    long observed = s.getObservedGeneration() == null ? -1 : s.getObservedGeneration();
    int want =
        d.getSpec() != null && d.getSpec().getReplicas() != null
            ? d.getSpec().getReplicas()
            : n(s.getReplicas());
    return observed >= generation
        && want > 0
        && n(s.getUpdatedReplicas()) == want
        && n(s.getAvailableReplicas()) == want
        && n(s.getReplicas()) == want;
  }

  private static String describe(Deployment d) {
    DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    int want =
        d.getSpec() != null && d.getSpec().getReplicas() != null
            ? d.getSpec().getReplicas()
            : n(s.getReplicas());
    return "Deployment "
        + d.getMetadata().getName()
        + " "
        + n(s.getUpdatedReplicas())
        + "/"
        + want
        + " updated, "
        + n(s.getAvailableReplicas())
        + "/"
        + want
        + " available, "
        + n(s.getReadyReplicas())
        + " ready"
        + (s.getObservedGeneration() == null || s.getObservedGeneration() < generation(d)
            ? ", generation " + generation(d) + " not yet observed"
            : "");
  }

  private static long generation(Deployment d) {
    return d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
  }

  private static int ready(Deployment d) {
    return d.getStatus() == null ? 0 : n(d.getStatus().getReadyReplicas());
  }

  private static int n(Integer i) {
    return i == null ? 0 : i;
  }
}
