package io.cutover.worker;

import io.cutover.activities.clusterlink.ClusterLinkActivitiesImpl;
import io.cutover.activities.clusterlink.ClusterLinkOptions;
import io.cutover.activities.credentials.CredentialResolver;
import io.cutover.activities.credentials.DefaultCredentialResolver;
import io.cutover.activities.credentials.Fabric8SecretLookup;
import io.cutover.activities.gateway.GatewayActivitiesImpl;
import io.cutover.activities.gateway.KubernetesClients;
import io.cutover.activities.offsets.EndOffsets;
import io.cutover.activities.offsets.KafkaAdmins;
import io.cutover.activities.offsets.OffsetActivitiesImpl;
import io.cutover.activities.validation.ValidationActivitiesImpl;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Every activity implementation the worker registers, with the clients they share: one Kubernetes
 * client per kubeconfig/context, one Kafka Admin per cluster. Credentials are resolved here, on the
 * worker, from the references in the plan.
 */
@Singleton
public class CutoverActivities implements AutoCloseable {
  private final KubernetesClients kubernetes = new KubernetesClients();
  private final KafkaAdmins admins;
  private final Object[] all;

  public CutoverActivities(CutoverSettings settings) {
    CutoverSettings.Kubernetes k = settings.getKubernetes();
    CredentialResolver credentials =
        new DefaultCredentialResolver(
            System.getenv(),
            new Fabric8SecretLookup(kubernetes.client(k.getKubeconfig(), k.getContext())));
    admins = new KafkaAdmins(credentials);
    CutoverSettings.Rest rest = settings.getRest();
    ClusterLinkOptions link =
        new ClusterLinkOptions(
            rest.getConnectTimeout(),
            rest.getReadTimeout(),
            rest.getPollInterval(),
            Duration.ofSeconds(5));
    ClusterLinkActivitiesImpl clusterLink = new ClusterLinkActivitiesImpl(credentials, link);
    EndOffsets endOffsets = new EndOffsets(admins);
    all =
        new Object[] {
          new ValidationActivitiesImpl(credentials, kubernetes, endOffsets, endOffsets, link),
          new GatewayActivitiesImpl(kubernetes),
          clusterLink,
          // One memory of resolved topic sets for both: a batch inside the fenced window costs no
          // REST read.
          new OffsetActivitiesImpl(
              admins,
              OffsetActivitiesImpl.DEFAULT_POLL_INTERVAL,
              io.cutover.activities.support.Heartbeat.TEMPORAL,
              clusterLink.topicSets())
        };
  }

  /** The implementations to register on a worker. */
  public Object[] all() {
    return all.clone();
  }

  @Override
  public void close() {
    admins.close();
    kubernetes.close();
  }
}
