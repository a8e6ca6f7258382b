package io.cutover.sandbox.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.sandbox.gateway.KroxyGateway;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the CFK operator for one Gateway CR and drives one {@link KroxyGateway} per route from it
 * (the CFK Gateway CR and its rollout, docs/sandbox.md): each route's fence and streaming domain
 * are applied to that route's proxy. For every new {@code metadata.generation}, after the
 * acceptance delay, on one named daemon thread:
 *
 * <ol>
 *   <li>validate: every {@code secretRef}/{@code configSecretRef}/{@code clientCredentialsRef} must
 *       name an existing Secret, every route and its streaming domain must exist, the fence
 *       errorCode must be a Kafka error. Otherwise {@code cluster-ready=False, reason ApplyFailed}
 *       (message e.g. {@code secretRef x not found}), observedGeneration unchanged, nothing
 *       applied;
 *   <li>apply to each route's proxy, never opening a window where clients reach a cluster unfenced
 *       by mistake: a fence is closed before a re-route, and opened only after it;
 *   <li>report {@code observedGeneration = generation} with {@code cluster-ready=True};
 *   <li>roll the pods: the Deployment shows an incomplete rollout at once, and after the rollout
 *       delay the old pods are replaced by new ones (new UIDs) and the rollout completes. With
 *       {@code spec.hotReload.enabled} the pods are left alone (applied in place), and each serves
 *       the generation's {@code spec.configId} on {@code /config} instead ({@link HotReloadPods}).
 * </ol>
 *
 * Only the newest generation is handled when several arrive during the delay (as a controller
 * does). Re-applying the same state is harmless: fence/unfence are idempotent and the proxy is
 * re-routed only when the upstream changes.
 */
public final class GatewayOperatorSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayOperatorSimulator.class);

  /** Message used by {@link #rejectNext()}, shaped like a real CFK rejection. */
  public static final String DEFAULT_REJECTION = "secretRef sandbox-injected-fault not found";

  private final KubernetesClient client;
  private final String namespace;
  private final String gatewayName;
  private final Map<String, KroxyGateway> proxies;
  private final GatewayPods pods;
  private final HotReloadPods hotReloadPods;
  private final GatewayStatus status;
  private final ScheduledExecutorService loop;
  private final AtomicReference<String> rejectNext = new AtomicReference<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger rejected = new AtomicInteger();
  private final AtomicInteger rollouts = new AtomicInteger();
  private final AppliedGenerations applied = new AppliedGenerations();
  private volatile Duration acceptanceDelay;
  private volatile Duration rolloutDelay;
  private volatile long handledGeneration;
  private volatile long rejectedGeneration;
  private volatile long forcedGeneration = -1;
  private volatile String forcedMessage;
  private volatile String rejectedMessage;
  private final java.util.concurrent.atomic.AtomicBoolean resyncPending =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * A rejected generation is looked at again this often, as the operator's controller requeues it.
   */
  static final long RESYNC_MS = 2000;

  private volatile long rollingGeneration;
  private SharedIndexInformer<GenericKubernetesResource> informer;

  GatewayOperatorSimulator(
      KubernetesClient client,
      String namespace,
      String gatewayName,
      Map<String, KroxyGateway> proxies,
      GatewayPods pods,
      HotReloadPods hotReloadPods,
      Duration acceptanceDelay,
      Duration rolloutDelay) {
    this.client = client;
    this.namespace = namespace;
    this.gatewayName = gatewayName;
    this.proxies = new LinkedHashMap<>(proxies);
    this.pods = pods;
    this.hotReloadPods = hotReloadPods;
    this.status = new GatewayStatus(client, namespace, gatewayName);
    this.acceptanceDelay = Objects.requireNonNull(acceptanceDelay);
    this.rolloutDelay = Objects.requireNonNull(rolloutDelay);
    this.loop =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "gateway-operator-" + namespace + "-" + gatewayName);
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Applies the current generation without a rollout (the pods were just created), then watches.
   */
  void start() {
    try {
      loop.submit(() -> reconcile(false)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(
          "the gateway operator could not apply the initial Gateway CR: " + e, e);
    }
    informer =
        GatewayApi.gateways(client)
            .inNamespace(namespace)
            .withName(gatewayName)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(GenericKubernetesResource obj) {
                    trigger();
                  }

                  @Override
                  public void onUpdate(
                      GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                    trigger();
                  }

                  @Override
                  public void onDelete(
                      GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                    LOG.warn(
                        "Gateway {}/{} was deleted; the sandbox proxy keeps its last configuration",
                        namespace,
                        gatewayName);
                  }
                },
                0);
  }

  /** Time between a new generation appearing and the operator acting on it. */
  public void acceptanceDelay(Duration delay) {
    this.acceptanceDelay = Objects.requireNonNull(delay);
  }

  /** The current acceptance delay. */
  public Duration acceptanceDelay() {
    return acceptanceDelay;
  }

  /** Time between accepting a generation and the new pods being up (rollout complete). */
  public void rolloutDelay(Duration delay) {
    this.rolloutDelay = Objects.requireNonNull(delay);
  }

  /** The current rollout delay. */
  public Duration rolloutDelay() {
    return rolloutDelay;
  }

  /**
   * Rejects the next new generation with {@code message} (ApplyFailed), whatever it contains.
   * One-shot.
   */
  public void rejectNext(String message) {
    rejectNext.set(Objects.requireNonNull(message));
  }

  /** {@link #rejectNext(String)} with {@link #DEFAULT_REJECTION}. */
  public void rejectNext() {
    rejectNext(DEFAULT_REJECTION);
  }

  /** The newest generation handled (applied or rejected). */
  public long handledGeneration() {
    return handledGeneration;
  }

  /** Generations applied, including the initial one. */
  public int acceptedCount() {
    return accepted.get();
  }

  /** Generations rejected with ApplyFailed. */
  public int rejectedCount() {
    return rejected.get();
  }

  /** When each generation was applied and rolled out. */
  public AppliedGenerations applied() {
    return applied;
  }

  /** Rollouts completed (pods replaced). */
  public int rolloutCount() {
    return rollouts.get();
  }

  /** Whether a rollout has begun and not completed. */
  public boolean rolloutPending() {
    return rollingGeneration != 0;
  }

  /**
   * Waits until the CR's current generation has been handled and no rollout is pending.
   *
   * @return false on timeout
   */
  public boolean awaitSettled(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      GenericKubernetesResource cr =
          GatewayApi.gateways(client).inNamespace(namespace).withName(gatewayName).get();
      long gen = cr == null ? 0 : cr.getMetadata().getGeneration();
      if ((handledGeneration >= gen || rejectedGeneration >= gen) && !rolloutPending()) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  /** Stops watching and acting. Idempotent. The proxy is left as it is (its owner closes it). */
  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
    loop.shutdownNow();
    try {
      loop.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void trigger() {
    if (!loop.isShutdown()) {
      loop.schedule(() -> reconcile(true), acceptanceDelay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void reconcile(boolean rollout) {
    String forced = null;
    try {
      GenericKubernetesResource live =
          GatewayApi.gateways(client).inNamespace(namespace).withName(gatewayName).get();
      if (live == null || live.getMetadata().getGeneration() == null) {
        return;
      }
      long generation = live.getMetadata().getGeneration();
      if (generation <= handledGeneration) {
        return; // a status write or a duplicate event
      }
      ObjectNode cr = GatewayApi.toTree(live);
      forced = rejectNext.getAndSet(null);
      if (forced != null) {
        forcedGeneration = generation; // an injected rejection sticks to the generation it hit
        forcedMessage = forced;
      }
      try {
        if (generation == forcedGeneration) {
          throw new DesiredGateway.Rejected(forcedMessage);
        }
        Map<String, DesiredGateway> routes = new LinkedHashMap<>();
        proxies.keySet().forEach(r -> routes.put(r, DesiredGateway.read(cr, r)));
        DesiredGateway want = routes.values().iterator().next();
        for (String ref : want.secretRefs()) {
          if (client.secrets().inNamespace(namespace).withName(ref).get() == null) {
            throw new DesiredGateway.Rejected("secretRef " + ref + " not found");
          }
        }
        routes.forEach((r, d) -> apply(proxies.get(r), d));
        if (want.hotReload()) {
          hotReloadPods.applied(generation, cr.path("spec").path("configId").asText(null));
        }
        status.accepted(generation);
        boolean fenced = routes.values().stream().anyMatch(d -> d.fence().isPresent());
        applied.applied(generation, fenced, rollout && !want.hotReload());
        handledGeneration = generation;
        accepted.incrementAndGet();
        LOG.info(
            "Gateway {}/{} generation {} applied: {}",
            namespace,
            gatewayName,
            generation,
            describe(routes));
        if (rollout && !want.hotReload()) {
          int replicas = Math.max(1, cr.path("spec").path("replicas").asInt(1));
          rollingGeneration = generation;
          pods.beginRollout(generation, replicas);
          loop.schedule(
              () -> completeRollout(generation, replicas),
              rolloutDelay.toMillis(),
              TimeUnit.MILLISECONDS);
        }
      } catch (DesiredGateway.Rejected e) {
        // Recorded once per generation and message; the generation stays unobserved and is looked
        // at
        // again, so fixing the cause (creating the Secret) lets it through, as with the real
        // operator.
        if (generation != rejectedGeneration || !e.getMessage().equals(rejectedMessage)) {
          status.rejected(e.getMessage());
          rejectedGeneration = generation;
          rejectedMessage = e.getMessage();
          rejected.incrementAndGet();
          LOG.info(
              "Gateway {}/{} generation {} rejected: {}",
              namespace,
              gatewayName,
              generation,
              e.getMessage());
        }
        resync(rollout);
      }
    } catch (RuntimeException e) {
      // The API or the proxy failed mid-way; everything above is idempotent, so try the same
      // generation again.
      LOG.warn(
          "Gateway {}/{} reconcile failed, retrying: {}", namespace, gatewayName, e.toString());
      if (forced != null) {
        rejectNext.compareAndSet(
            null, forced); // the injected rejection still applies to this generation
      }
      if (!loop.isShutdown()) {
        loop.schedule(() -> reconcile(rollout), 500, TimeUnit.MILLISECONDS);
      }
    }
  }

  private void resync(boolean rollout) {
    if (!loop.isShutdown() && resyncPending.compareAndSet(false, true)) {
      loop.schedule(
          () -> {
            resyncPending.set(false);
            reconcile(rollout);
          },
          RESYNC_MS,
          TimeUnit.MILLISECONDS);
    }
  }

  private static String describe(Map<String, DesiredGateway> routes) {
    StringBuilder b = new StringBuilder();
    routes.forEach(
        (r, d) ->
            b.append(b.isEmpty() ? "" : "; ")
                .append(routes.size() > 1 ? r + ": " : "")
                .append("domain ")
                .append(d.domain())
                .append(", fence ")
                .append(d.fence().map(Enum::name).orElse("none")));
    return b.toString();
  }

  private static void apply(KroxyGateway proxy, DesiredGateway want) {
    want.fence().ifPresent(proxy::fence);
    if (!want.upstream().equals(proxy.upstream())) {
      proxy.route(want.upstream());
    }
    if (want.fence().isEmpty()) {
      proxy.unfence();
    }
  }

  private void completeRollout(long generation, int replicas) {
    if (generation != rollingGeneration) {
      return; // a newer generation started its own rollout; that one completes it
    }
    try {
      pods.completeRollout(replicas);
      applied.rolledOut(generation);
      rollouts.incrementAndGet();
      rollingGeneration = 0;
    } catch (RuntimeException e) {
      LOG.warn(
          "Gateway {}/{} rollout of generation {} failed, retrying: {}",
          namespace,
          gatewayName,
          generation,
          e.toString());
      loop.schedule(() -> completeRollout(generation, replicas), 500, TimeUnit.MILLISECONDS);
    }
  }
}
