package io.cutover.activities.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.workflow.activity.FailureTypes;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Hot-reload confirmation (docs/architecture.md, "Hot-reload gateways"): with {@code
 * spec.hotReload.enabled} the pods apply a change in place, so the replaced-pods signal of a
 * rolling gateway does not exist. Each change is stamped with a {@code spec.configId} derived from
 * the desired spec, and is confirmed only when every pod of the gateway answers that id on {@code
 * GET /config}, read through the Kubernetes API's {@code pods/proxy} (which reaches pods from a
 * worker outside the cluster too).
 */
final class PodConfigs {
  /** The CRD's pattern for {@code spec.configId}. */
  static final Pattern CONFIG_ID = Pattern.compile("^[a-zA-Z0-9._:-]{1,64}$");

  private final Duration pollInterval;

  PodConfigs(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  /** Whether {@code cr} asks for hot reload. */
  static boolean hotReload(JsonNode cr) {
    return cr.path("spec").path("hotReload").path("enabled").asBoolean(false);
  }

  /**
   * Stamps {@code target} with the config id of its spec (without any id it had): the same desired
   * spec always gets the same id, so a retry writes nothing new and confirms the same id.
   */
  static String stamp(ObjectNode target) {
    ObjectNode spec = (ObjectNode) target.get("spec");
    spec.remove("configId");
    String id = "cutover-" + GatewayApplier.specHash(target);
    spec.put("configId", id);
    return id;
  }

  /**
   * Waits until every pod of {@code gateway} serves {@code configId}, or a later id that carries
   * the same change: another group sharing the gateway may write its own route right after this
   * write, and the pods then move on to that generation's id, which was derived from this one
   * (docs/architecture.md, "One gateway, several groups").
   *
   * @param later read at every poll: the id of a later generation of the CR that still carries this
   *     change, if there is one
   * @return how many pods confirmed it
   * @throws GatewayException ROLLOUT_TIMEOUT after {@code budget}, naming each pod that does not
   *     serve the id and what it answered
   */
  int await(
      KubernetesClient client,
      String namespace,
      String gateway,
      String configId,
      Supplier<Optional<String>> later,
      int port,
      Duration budget,
      Consumer<String> progress) {
    Poller poller = new Poller(pollInterval, budget);
    // A pod not serving yet answers 503, which the client would retry with back-off for tens of
    // seconds per read: this loop is the retry, so each read is tried once.
    try (KubernetesClient once = withoutRetries(client)) {
      while (true) {
        List<String> pods = podNames(once, namespace, gateway);
        Optional<String> next = later.get().filter(id -> !id.equals(configId));
        Set<String> accepted = new HashSet<>();
        accepted.add(configId);
        next.ifPresent(accepted::add);
        Map<String, String> behind = behind(once, namespace, pods, accepted, port);
        if (!pods.isEmpty() && behind.isEmpty()) {
          return pods.size();
        }
        String state =
            pods.isEmpty()
                ? "no pod with label app=" + gateway + " is running"
                : behind.size()
                    + " of "
                    + pods.size()
                    + " pod(s) do not serve configId "
                    + configId
                    + next.map(id -> " (or the later " + id + ")").orElse("")
                    + ": "
                    + describe(behind);
        progress.accept(state);
        if (poller.expired()) {
          throw new GatewayException(
              FailureTypes.ROLLOUT_TIMEOUT,
              "gateway "
                  + namespace
                  + "/"
                  + gateway
                  + " has hot reload on, and after "
                  + poller.timeoutText()
                  + " "
                  + state
                  + "; the change is confirmed only when every pod's /config (port "
                  + port
                  + ") answers it. Check those pods (kubectl logs), the gateway's licence (without"
                  + " one a configId change is dropped) and hotReloadTimeout");
        }
        poller.sleep();
      }
    }
  }

  static KubernetesClient withoutRetries(KubernetesClient client) {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build())
        .build();
  }

  /** Each pod that serves none of the {@code accepted} ids, with what it answered instead. */
  private static Map<String, String> behind(
      KubernetesClient client,
      String namespace,
      List<String> pods,
      Set<String> accepted,
      int port) {
    Map<String, String> out = new TreeMap<>();
    for (String pod : pods) {
      String served = served(client, namespace, pod, port);
      if (!accepted.contains(served)) {
        out.put(pod, served);
      }
    }
    return out;
  }

  /**
   * The configId a pod's {@code /config} answers: its top-level {@code configId}; a description in
   * angle brackets when it answers nothing usable.
   */
  static String served(KubernetesClient client, String namespace, String pod, int port) {
    String path = "/api/v1/namespaces/" + namespace + "/pods/" + pod + ":" + port + "/proxy/config";
    try {
      String body = client.raw(client.getMasterUrl().toString().replaceAll("/$", "") + path);
      if (body == null) {
        return "<no /config: the gateway image may predate it (1.3.0)>";
      }
      JsonNode n = GatewayResources.parseJson(body);
      JsonNode id = n.path("configId");
      return id.isTextual() ? id.textValue() : "<no configId in /config>";
    } catch (KubernetesClientException e) {
      return "<" + (e.getCode() > 0 ? "HTTP " + e.getCode() : "unreachable") + ">";
    } catch (RuntimeException e) {
      return "<an answer that is not JSON: " + firstBytes(e.getMessage()) + ">";
    }
  }

  private static String firstBytes(String s) {
    if (s == null) {
      return "";
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return b.length <= 60 ? s : new String(b, 0, 60, StandardCharsets.UTF_8) + "...";
  }

  private static List<String> podNames(KubernetesClient client, String namespace, String gateway) {
    try {
      List<String> names = new ArrayList<>();
      for (Pod p :
          client.pods().inNamespace(namespace).withLabel("app", gateway).list().getItems()) {
        if (p.getMetadata().getDeletionTimestamp() == null) {
          names.add(p.getMetadata().getName());
        }
      }
      names.sort(String::compareTo);
      return names;
    } catch (KubernetesClientException e) {
      throw GatewayException.fromApi(
          "listing pods app=" + gateway + " in namespace " + namespace, e);
    }
  }

  private static String describe(Map<String, String> behind) {
    List<String> parts = new ArrayList<>();
    behind.forEach((pod, served) -> parts.add(pod + " serves " + served));
    return String.join(", ", parts);
  }
}
