package io.cutover.sandbox.gateway;

import io.kroxylicious.proxy.KafkaProxy;
import io.kroxylicious.proxy.config.ConfigParser;
import io.kroxylicious.proxy.config.Configuration;
import io.kroxylicious.proxy.internal.config.Features;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's Kafka-protocol gateway: an in-process Kroxylicious 0.12.0 proxy with one virtual
 * cluster whose nodes are identified by port (bootstrap {@code localhost:port}, broker node N on
 * {@code localhost:port+1+N}, node ids 0..{@value #NODE_IDS}-1), plus a fence filter on every
 * connection.
 *
 * <p>Models the Confluent Gateway's static route (the CFK Gateway CR, docs/sandbox.md): {@link
 * #fence(Errors)} and {@link #unfence()} are the route's {@code fence} block and take effect at
 * once on existing connections; {@link #route(String)} re-targets the route. Kroxylicious 0.12.0
 * cannot change a virtual cluster's upstream at runtime, so a re-target is a shutdown plus a start
 * on the same ports (about 2 s, almost all Netty's fixed graceful-shutdown quiet period). Clients
 * see their connections drop, reconnect to the same bootstrap and get the new cluster's metadata;
 * Confluent documents that a Client Switchover needs a gateway restart too (the CFK Gateway CR,
 * docs/sandbox.md), so this is a fair model. The fence survives a re-target.
 *
 * <p>Every port is bound on 127.0.0.1 only (see {@link LoopbackPortPerNodeProvider}); clients are
 * told {@code localhost}.
 */
public final class KroxyGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KroxyGateway.class);

  /** Node ids the gateway maps (0..NODE_IDS-1): every KafkaClusterTestKit node id used here. */
  public static final int NODE_IDS = 3;

  /**
   * Fenced request types unless told otherwise: produce, fetch, metadata and the consumer-group and
   * offset APIs (as measured with real clients, docs/sandbox.md). ApiVersions is never fenced.
   */
  public static final Set<ApiKeys> DEFAULT_FENCED_APIS =
      Set.copyOf(
          EnumSet.of(
              ApiKeys.PRODUCE,
              ApiKeys.FETCH,
              ApiKeys.METADATA,
              ApiKeys.FIND_COORDINATOR,
              ApiKeys.JOIN_GROUP,
              ApiKeys.SYNC_GROUP,
              ApiKeys.HEARTBEAT,
              ApiKeys.LEAVE_GROUP,
              ApiKeys.OFFSET_COMMIT,
              ApiKeys.OFFSET_FETCH,
              ApiKeys.LIST_OFFSETS,
              ApiKeys.CONSUMER_GROUP_HEARTBEAT));

  private static final AtomicInteger NAMES = new AtomicInteger();

  private final String name;
  private final int port;
  private final FenceState fence;
  // Written under the instance lock, read without it (so readers never wait for a 2 s restart).
  private volatile String upstream;
  private volatile int restarts;
  private volatile Duration lastRestart = Duration.ZERO;
  private KafkaProxy proxy;
  private boolean closed;

  private KroxyGateway(String name, int port, String upstream, FenceState fence) {
    this.name = name;
    this.port = port;
    this.upstream = upstream;
    this.fence = fence;
  }

  /**
   * Starts a gateway in front of {@code upstreamBootstrap} with {@link #DEFAULT_FENCED_APIS}.
   *
   * @param upstreamBootstrap {@code host:port} of the cluster to proxy (a {@code PLAINTEXT://}
   *     prefix is accepted)
   * @param port the bootstrap port; 0 picks a free block of {@value #NODE_IDS}+1 consecutive ports
   * @throws IllegalStateException when the proxy cannot start (for example a port is taken)
   */
  public static KroxyGateway start(String upstreamBootstrap, int port) {
    return start(upstreamBootstrap, port, DEFAULT_FENCED_APIS);
  }

  /**
   * Starts a gateway that fences exactly {@code fencedApis} while fenced. Starts unfenced.
   *
   * @throws IllegalArgumentException for a blank upstream, a port outside 0..65531, or fenced
   *     ApiVersions
   * @throws IllegalStateException when the proxy cannot start
   */
  public static KroxyGateway start(String upstreamBootstrap, int port, Set<ApiKeys> fencedApis) {
    String upstream = normalise(upstreamBootstrap);
    if (port < 0 || port > 65535 - NODE_IDS) {
      throw new IllegalArgumentException(
          "port "
              + port
              + " is out of range: use 0 (pick a free block) or 1.."
              + (65535 - NODE_IDS));
    }
    String name = "kroxy-gateway-" + NAMES.incrementAndGet();
    FenceState fence = new FenceState(name, fencedApis);
    FenceRegistry.register(fence);
    try {
      int p = port == 0 ? Ports.freeBlock(NODE_IDS + 1) : port;
      KroxyGateway gw = new KroxyGateway(name, p, upstream, fence);
      gw.proxy = gw.startProxy(upstream);
      LOG.info("gateway {} listening on {} -> {}", name, gw.bootstrap(), upstream);
      return gw;
    } catch (RuntimeException e) {
      FenceRegistry.unregister(name);
      throw e;
    }
  }

  /** The gateway's name in this JVM (the fence filter's key). */
  public String name() {
    return name;
  }

  /** What clients use as {@code bootstrap.servers}; stable across {@link #route(String)}. */
  public String bootstrap() {
    return "localhost:" + port;
  }

  /** The bootstrap port; broker node N is on {@code port() + 1 + N}. */
  public int port() {
    return port;
  }

  /** The upstream bootstrap ({@code host:port}) currently proxied. */
  public String upstream() {
    return upstream;
  }

  /**
   * Closes the fence: from now on every request of a fenced type, on new and existing connections,
   * is answered with {@code error} instead of reaching the cluster. Idempotent; calling it again
   * with another error changes the error. Inverse: {@link #unfence()}.
   *
   * @throws IllegalArgumentException for {@link Errors#NONE}
   */
  public void fence(Errors error) {
    if (error == null || error == Errors.NONE) {
      throw new IllegalArgumentException(
          "a fence needs an error code other than NONE, e.g. NOT_LEADER_OR_FOLLOWER");
    }
    fence.close(error);
    LOG.info("gateway {} fenced with {} for {}", name, error, fence.apis());
  }

  /**
   * Opens the fence: every request is forwarded again. Idempotent. Inverse of {@link
   * #fence(Errors)}.
   */
  public void unfence() {
    fence.open();
    LOG.info("gateway {} unfenced", name);
  }

  /** Whether the fence is closed now. */
  public boolean fenced() {
    return fence.error() != null;
  }

  /** The error fenced requests get, empty while unfenced. */
  public Optional<Errors> fenceError() {
    return Optional.ofNullable(fence.error());
  }

  /** The request types this gateway fences. */
  public Set<ApiKeys> fencedApis() {
    return fence.apis();
  }

  /**
   * Requests answered by the fence since start (or the last reset), per API key; zero counts
   * omitted.
   */
  public Map<ApiKeys, Long> fencedRequestCounts() {
    return fence.counts();
  }

  /** Total of {@link #fencedRequestCounts()}. */
  public long fencedRequestCount() {
    return fence.counts().values().stream().mapToLong(Long::longValue).sum();
  }

  /** Sets every fenced-request counter back to zero. */
  public void resetFenceCounters() {
    fence.resetCounts();
  }

  /**
   * Re-targets the gateway at {@code upstreamBootstrap}: shuts the proxy down and starts it again
   * on the same ports, as the real gateway's rollout does. Every client connection drops once; the
   * fence state is kept. Calling it with the current upstream still restarts (a rollout is a
   * rollout).
   *
   * @return how long clients could not connect (shutdown plus start)
   * @throws IllegalStateException when the new proxy cannot bind the ports: the gateway is then
   *     down until a later {@code route} succeeds
   */
  public synchronized Duration route(String upstreamBootstrap) {
    String target = normalise(upstreamBootstrap);
    if (closed) {
      throw new IllegalStateException("gateway " + name + " is closed; start a new one");
    }
    long t0 = System.nanoTime();
    if (proxy != null) {
      proxy.shutdown();
      proxy = null;
    }
    proxy = startProxy(target);
    String from = upstream;
    upstream = target;
    restarts++;
    lastRestart = Duration.ofNanos(System.nanoTime() - t0);
    LOG.info("gateway {} re-routed {} -> {} in {} ms", name, from, target, lastRestart.toMillis());
    return lastRestart;
  }

  /** How many times {@link #route(String)} restarted the proxy. */
  public int restarts() {
    return restarts;
  }

  /** Duration of the last {@link #route(String)} restart (zero before the first). */
  public Duration lastRestartDuration() {
    return lastRestart;
  }

  /** Stops the proxy and forgets the fence. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (proxy != null) {
      proxy.shutdown();
      proxy = null;
      LOG.info("gateway {} closed", name);
    }
    FenceRegistry.unregister(name);
  }

  private KafkaProxy startProxy(String target) {
    Configuration cfg = new ConfigParser().parseConfiguration(yaml(target));
    try {
      return new KafkaProxy(new ConfigParser(), cfg, Features.defaultFeatures()).startup();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "gateway "
              + name
              + " could not start on ports "
              + port
              + ".."
              + (port + NODE_IDS)
              + " -> "
              + target
              + ": "
              + e.getMessage()
              + "; free those ports or start on port 0",
          e);
    }
  }

  private String yaml(String target) {
    // The deprecated single-listener form is the only way 0.12.0 lets a plugin choose the bind
    // address (see LoopbackPortPerNodeProvider); it logs a deprecation warning on every start.
    return """
        virtualClusters:
          - name: sandbox
            targetCluster:
              bootstrapServers: "%s"
            clusterNetworkAddressConfigProvider:
              type: %s
              config:
                bootstrapPort: %d
                nodeCount: %d
        filterDefinitions:
          - name: fence
            type: %s
            config:
              gateway: "%s"
        defaultFilters:
          - fence
        """
        .formatted(
            target,
            LoopbackPortPerNodeProvider.class.getName(),
            port,
            NODE_IDS,
            FenceFilterFactory.class.getName(),
            name);
  }

  static String normalise(String bootstrap) {
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new IllegalArgumentException(
          "upstream bootstrap is empty: pass host:port of the Kafka cluster");
    }
    String b = bootstrap.trim();
    int scheme = b.indexOf("://");
    b = scheme >= 0 ? b.substring(scheme + 3) : b;
    if (!b.matches("[A-Za-z0-9.\\-]+:\\d{1,5}(,[A-Za-z0-9.\\-]+:\\d{1,5})*")) {
      throw new IllegalArgumentException(
          "upstream bootstrap '" + bootstrap + "' is not host:port[,host:port]");
    }
    return b;
  }
}
