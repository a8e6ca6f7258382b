package io.cutover.activities.gateway;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes a gateway wait as soon as the Gateway CR, its Deployment or its pods change, instead of
 * after the poll's next wait (docs/performance.md, "Event-driven gateway waits, a warm start, and
 * the worker's cache"). An event only wakes the loop: the loop then reads the objects as it always
 * does, so what a step reports is still the state it read, never an event's content. A watch that
 * cannot be opened (no {@code watch} permission) or that breaks leaves the loop polling, and says
 * so once.
 */
final class GatewayWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatewayWatch.class);

  /** A wait that nothing wakes early: plain polling. */
  static final GatewayWatch NONE = new GatewayWatch("");

  private final String what;
  private final Semaphore changed = new Semaphore(0);
  private final List<Watch> watches = new ArrayList<>();
  private final AtomicBoolean reported = new AtomicBoolean();

  /** Opens the watches at the first {@link #await}; null once they are open (or for eager ones). */
  private Runnable opener;

  private GatewayWatch(String what) {
    this.what = what;
  }

  /** Watches the gateway's CR, Deployments and pods in {@code namespace}; never throws. */
  static GatewayWatch open(KubernetesClient client, String namespace, String gateway) {
    GatewayWatch w = new GatewayWatch("gateway " + namespace + "/" + gateway);
    w.openWatches(client, namespace, gateway);
    return w;
  }

  /**
   * The same watches, opened only when a wait first has to sleep: for a check that writes nothing,
   * whose waits usually end on their first read, so that it costs no watch requests. A change made
   * before the opening is seen at the wait's next read, at most one fenced poll later.
   */
  static GatewayWatch onFirstWait(KubernetesClient client, String namespace, String gateway) {
    GatewayWatch w = new GatewayWatch("gateway " + namespace + "/" + gateway);
    w.opener = () -> w.openWatches(client, namespace, gateway);
    return w;
  }

  private void openWatches(KubernetesClient client, String namespace, String gateway) {
    try {
      watches.add(
          GatewayResources.gateways(client)
              .inNamespace(namespace)
              .withName(gateway)
              .watch(watcher()));
      watches.add(client.apps().deployments().inNamespace(namespace).watch(watcher()));
      watches.add(client.pods().inNamespace(namespace).withLabel("app", gateway).watch(watcher()));
    } catch (KubernetesClientException e) {
      fallBack(GatewayException.apiReason(e));
    }
  }

  private <T> Watcher<T> watcher() {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T resource) {
        changed.release();
      }

      @Override
      public void onClose(WatcherException cause) {
        fallBack(cause.getMessage());
        changed.release(); // one more read now, then polling
      }
    };
  }

  private void fallBack(String reason) {
    if (reported.compareAndSet(false, true)) {
      log.warn(
          "watching {} failed ({}); its waits poll instead (at most every {} ms while clients are"
              + " fenced). Grant the worker watch on gateways, deployments and pods to wake on"
              + " changes",
          what,
          reason,
          io.cutover.activities.support.Backoff.FENCED_CAP.toMillis());
    }
  }

  /**
   * Sleeps up to {@code millis}, returning early when something changed since the last call.
   *
   * @return true when woken by a change
   */
  boolean await(long millis) throws InterruptedException {
    if (this == NONE) {
      Thread.sleep(millis);
      return false;
    }
    if (opener != null) {
      Runnable open = opener;
      opener = null;
      open.run();
    }
    boolean woken = changed.tryAcquire(millis, TimeUnit.MILLISECONDS);
    changed.drainPermits(); // several events for one change wake the loop once
    return woken;
  }

  @Override
  public void close() {
    watches.forEach(
        w -> {
          try {
            w.close();
          } catch (RuntimeException e) {
            log.debug("closing a watch of {}: {}", what, e.toString());
          }
        });
  }
}
