package io.cutover.sandbox.kube;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The Deployment CFK creates for a Gateway (same name, owned by the CR) and its pods (label {@code
 * app=<gateway>}, owned by the Deployment), and a rollout as the API shows it (docs/sandbox.md;
 * kcp's GatewayMigration examples): the pod template changes (Deployment generation +1, rollout
 * incomplete), then the old pods go, new pods with new UIDs come up Running and Ready, and the
 * Deployment status reports {@code observedGeneration == generation} and every replica updated and
 * available.
 */
final class GatewayPods {
  static final String REVISION_ANNOTATION = "platform.confluent.io/config-generation";

  private final KubernetesClient client;
  private final String namespace;
  private final String gateway;

  GatewayPods(KubernetesClient client, String namespace, String gateway) {
    this.client = client;
    this.namespace = namespace;
    this.gateway = gateway;
  }

  /**
   * Creates the Deployment (owned by the Gateway CR {@code ownerUid}) with {@code replicas} ready
   * pods.
   */
  void create(String ownerUid, int replicas, long crGeneration) {
    Deployment d =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(gateway)
            .withNamespace(namespace)
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion(GatewayApi.API_VERSION)
                    .withKind(GatewayApi.KIND)
                    .withName(gateway)
                    .withUid(ownerUid)
                    .withController(true)
                    .build())
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .withNewSelector()
            .addToMatchLabels("app", gateway)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", gateway)
            .addToAnnotations(REVISION_ANNOTATION, Long.toString(crGeneration))
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("gateway")
            .withImage("confluentinc/confluent-gateway-for-cloud:1.3.0")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    Deployment created = client.apps().deployments().inNamespace(namespace).resource(d).create();
    for (int i = 0; i < replicas; i++) {
      createPod(created.getMetadata().getUid());
    }
    writeStatus(replicas, replicas, true);
  }

  /**
   * Starts a rollout for CR generation {@code crGeneration}: new pod template (the Deployment's
   * generation goes up) and a status that is not complete yet. The old pods keep running.
   */
  void beginRollout(long crGeneration, int replicas) {
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(gateway)
        .edit(
            d ->
                new DeploymentBuilder(d)
                    .editSpec()
                    .withReplicas(replicas)
                    .editTemplate()
                    .editMetadata()
                    .addToAnnotations(REVISION_ANNOTATION, Long.toString(crGeneration))
                    .endMetadata()
                    .endTemplate()
                    .endSpec()
                    .build());
    writeStatus(replicas, 0, false);
  }

  /**
   * Finishes the rollout: deletes every old pod, creates {@code replicas} new ones, completes the
   * status.
   */
  void completeRollout(int replicas) {
    List<Pod> old = pods();
    for (Pod p : old) {
      client.pods().inNamespace(namespace).withName(p.getMetadata().getName()).delete();
    }
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(gateway).get();
    for (int i = 0; i < replicas; i++) {
      createPod(d.getMetadata().getUid());
    }
    writeStatus(replicas, replicas, true);
  }

  List<Pod> pods() {
    return client.pods().inNamespace(namespace).withLabel("app", gateway).list().getItems();
  }

  /** The names of the pods not being deleted. */
  List<String> names() {
    return pods().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .map(p -> p.getMetadata().getName())
        .toList();
  }

  private void createPod(String deploymentUid) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(gateway + "-" + suffix)
            .withNamespace(namespace)
            .withUid(UUID.randomUUID().toString())
            .addToLabels("app", gateway)
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion("apps/v1")
                    .withKind("Deployment")
                    .withName(gateway)
                    .withUid(deploymentUid)
                    .withController(true)
                    .build())
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("gateway")
            .withImage("confluentinc/confluent-gateway-for-cloud:1.3.0")
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase("Running")
            .addNewCondition()
            .withType("Ready")
            .withStatus("True")
            .withLastTransitionTime(now)
            .endCondition()
            .endStatus()
            .build();
    client.pods().inNamespace(namespace).resource(pod).create();
  }

  private void writeStatus(int replicas, int updated, boolean complete) {
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(gateway).get();
    long generation = d.getMetadata().getGeneration() == null ? 1 : d.getMetadata().getGeneration();
    d.setStatus(
        new DeploymentStatusBuilder()
            // While rolling, the controller has not observed the new template yet.
            .withObservedGeneration(complete ? generation : generation - 1)
            .withReplicas(replicas)
            .withUpdatedReplicas(updated)
            .withAvailableReplicas(replicas)
            .withReadyReplicas(replicas)
            .build());
    client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
  }
}
