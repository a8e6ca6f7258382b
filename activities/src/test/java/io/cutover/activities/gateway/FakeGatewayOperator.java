package io.cutover.activities.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the CFK operator against the mock API: on demand, or on a thread that reconciles every new
 * generation (replace the pods, complete the Deployment, then report observedGeneration through the
 * status subresource), or that rejects it with an ApplyFailed condition.
 */
final class FakeGatewayOperator implements AutoCloseable {
  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private volatile Thread thread;
  private volatile boolean running;
  final AtomicInteger reconciles = new AtomicInteger();

  FakeGatewayOperator(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }

  /** Reports the current generation as observed, with a healthy cluster-ready condition. */
  void acceptLatest() {
    accept(-1);
  }

  /**
   * Reports {@code generation} as observed ({@code -1}: the current one). The reconcile thread
   * names the generation it rolled the pods for: a write that lands during its rollout must not be
   * reported as handled by it, as a real operator would not.
   */
  private void accept(long generation) {
    ObjectNode cr = GatewayResources.read(client, namespace, name);
    ObjectNode status = cr.putObject("status");
    status.put(
        "observedGeneration",
        generation < 0 ? cr.path("metadata").path("generation").asLong() : generation);
    status.put("phase", "RUNNING");
    ObjectNode c = status.putArray("conditions").addObject();
    c.put("type", "platform.confluent.io/cluster-ready")
        .put("status", "True")
        .put("reason", "Ready")
        .put("message", "ready")
        .put("lastTransitionTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    writeStatus(cr);
  }

  /**
   * Adds a cluster-ready=False ApplyFailed condition stamped {@code at}; observedGeneration stays.
   */
  void reject(String message, Instant at) {
    ObjectNode cr = GatewayResources.read(client, namespace, name);
    ObjectNode status = cr.get("status") instanceof ObjectNode s ? s : cr.putObject("status");
    ArrayNode conditions = status.putArray("conditions");
    conditions
        .addObject()
        .put("type", "platform.confluent.io/cluster-ready")
        .put("status", "False")
        .put("reason", "ApplyFailed")
        .put("message", message)
        .put("lastTransitionTime", at.truncatedTo(ChronoUnit.SECONDS).toString());
    conditions
        .addObject()
        .put("type", "platform.confluent.io/garbage-collecting")
        .put("status", "False")
        .put("reason", "NotTriggered")
        .put("message", "Garbage Collection not triggered")
        .put("lastTransitionTime", at.truncatedTo(ChronoUnit.SECONDS).toString());
    writeStatus(cr);
  }

  private void writeStatus(ObjectNode cr) {
    GatewayResources.gateways(client)
        .inNamespace(namespace)
        .resource(GatewayResources.fromTree(cr))
        .updateStatus();
  }

  /** Replaces every gateway pod with a new one and marks the Deployment rolled out. */
  void rollPods() {
    List<Pod> pods = client.pods().inNamespace(namespace).withLabel("app", name).list().getItems();
    for (Pod p : pods) {
      client.pods().inNamespace(namespace).withName(p.getMetadata().getName()).delete();
    }
    for (int i = 0; i < pods.size(); i++) {
      client
          .pods()
          .inNamespace(namespace)
          .resource(
              new io.fabric8.kubernetes.api.model.PodBuilder()
                  .withNewMetadata()
                  .withName(name + "-" + UUID.randomUUID().toString().substring(0, 8))
                  .withUid(UUID.randomUUID().toString())
                  .addToLabels("app", name)
                  .endMetadata()
                  .withNewSpec()
                  .addNewContainer()
                  .withName("gateway")
                  .withImage("gw")
                  .endContainer()
                  .endSpec()
                  .build())
          .create();
    }
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
    if (d != null) {
      setDeploymentStatus(client, namespace, name, d.getSpec().getReplicas());
    }
  }

  /** Sets the Deployment's status: {@code ready} replicas updated, available and ready. */
  static void setDeploymentStatus(
      KubernetesClient client, String namespace, String name, int ready) {
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
    d.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(d.getMetadata().getGeneration())
            .withReplicas(d.getSpec().getReplicas())
            .withUpdatedReplicas(ready)
            .withAvailableReplicas(ready)
            .withReadyReplicas(ready)
            .build());
    client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
  }

  /**
   * Reconciles on a thread: whenever generation is ahead of observedGeneration, waits {@code
   * delay}, replaces the pods and accepts; with {@code rejectWith} set, rejects instead.
   */
  FakeGatewayOperator start(Duration delay, String rejectWith) {
    running = true;
    thread =
        new Thread(
            () -> {
              while (running) {
                try {
                  ObjectNode cr = GatewayResources.read(client, namespace, name);
                  long gen = cr == null ? 0 : cr.path("metadata").path("generation").asLong();
                  long seen =
                      cr == null ? 0 : cr.path("status").path("observedGeneration").asLong(-1);
                  if (cr != null && gen > seen) {
                    Thread.sleep(delay.toMillis());
                    if (rejectWith != null) {
                      if (!cr.path("status").path("conditions").toString().contains(rejectWith)) {
                        reject(rejectWith, Instant.now());
                      }
                    } else {
                      rollPods();
                      accept(gen);
                      reconciles.incrementAndGet();
                    }
                  }
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  return;
                } catch (KubernetesClientException e) {
                  // a racing write; try again on the next tick
                }
              }
            },
            "fake-gateway-operator-" + namespace);
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  @Override
  public void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
