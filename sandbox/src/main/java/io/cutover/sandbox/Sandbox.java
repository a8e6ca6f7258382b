package io.cutover.sandbox;

import io.cutover.sandbox.gateway.KroxyGateway;
import io.cutover.sandbox.kafka.KafkaClusters;
import io.cutover.sandbox.kube.KubeSandbox;
import io.cutover.sandbox.link.ClusterLinkRestServer;
import io.cutover.sandbox.link.ClusterLinkSimulator;
import io.cutover.sandbox.workload.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole migration on one machine: two real Kafka clusters, a Cluster Linking simulator behind the
 * REST v3 API, a Kroxylicious gateway, a Kubernetes API holding the Gateway CR with an operator
 * that drives the gateway, and the manifest that describes it all, written for {@code cutover
 * init}.
 */
public final class Sandbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sandbox.class);
  public static final String LINK = "sandbox-link";
  public static final String CLUSTER_ID = "lkc-sandbox";

  /** Every sandbox topic is this prefix and a number. */
  public static final String TOPIC_PREFIX = "orders-";

  /**
   * @param name the migration name
   * @param topics number of topics ({@code orders-0} ...)
   * @param partitions partitions per topic
   * @param policies {@code spec.defaultPolicies} entries written into the manifest (YAML scalars)
   * @param pauseOffsetSync {@code spec.clusterLink.pauseConsumerOffsetSync}
   * @param workDir where the manifest and its files go
   * @param shape how the manifest names the route, the topics and the switch
   * @param hotReload the Gateway CR carries {@code spec.hotReload.enabled: true} (docs/sandbox.md,
   *     "Hot-reload gateway")
   */
  public record Options(
      String name,
      int topics,
      int partitions,
      Map<String, String> policies,
      boolean pauseOffsetSync,
      Path workDir,
      Shape shape,
      boolean hotReload) {

    /** How the manifest is written (docs/manifest.md, "Shapes"). */
    public enum Shape {
      /** Our shape: fence.routes, spec.topics and a switchover CR file. */
      SWITCHOVER_FILE,
      /** Our shape with spec.gateway.targetStreamingDomain instead of the file. */
      DERIVED_SWITCH,
      /** kcp v0.11's spec.staticMigration, the topics as a topicPatterns entry. */
      STATIC_MIGRATION
    }

    public boolean derivedSwitch() {
      return shape != Shape.SWITCHOVER_FILE;
    }

    public static Options of(String name, int topics, Path workDir) {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("rolloutTimeout", "1m");
      p.put("maxFencedDuration", "2m");
      return new Options(name, topics, 3, p, false, workDir, Shape.SWITCHOVER_FILE, false);
    }

    public Options withPolicy(String key, String value) {
      Map<String, String> p = new LinkedHashMap<>(policies);
      p.put(key, value);
      return new Options(name, topics, partitions, p, pauseOffsetSync, workDir, shape, hotReload);
    }

    public Options withPausedOffsetSync() {
      return new Options(name, topics, partitions, policies, true, workDir, shape, hotReload);
    }

    public Options withDerivedSwitch() {
      return withShape(Shape.DERIVED_SWITCH);
    }

    /** The manifest in kcp v0.11's spec.staticMigration shape (a derived switch). */
    public Options withStaticMigration() {
      return withShape(Shape.STATIC_MIGRATION);
    }

    /**
     * A hot-reload gateway: changes are applied in place, the pods stay, and the worker confirms
     * each one through every pod's {@code /config}.
     */
    public Options withHotReload() {
      return new Options(name, topics, partitions, policies, pauseOffsetSync, workDir, shape, true);
    }

    private Options withShape(Shape s) {
      return new Options(
          name, topics, partitions, policies, pauseOffsetSync, workDir, s, hotReload);
    }
  }

  private final Options options;
  private final List<AutoCloseable> parts = new ArrayList<>();
  private final List<String> topics;
  private KafkaClusters kafka;
  private ClusterLinkSimulator link;
  private ClusterLinkRestServer rest;
  private KroxyGateway gateway;
  private KubeSandbox kube;
  private Path manifest;

  /** The fabric8 mock API logs every request through java.util.logging at INFO; kept referenced. */
  private static final java.util.logging.Logger QUIET =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    QUIET.setLevel(java.util.logging.Level.WARNING);
  }

  private Sandbox(Options options) {
    this.options = options;
    this.topics = IntStream.range(0, options.topics()).mapToObj(i -> TOPIC_PREFIX + i).toList();
  }

  public static Sandbox start(Options options) {
    Sandbox s = new Sandbox(options);
    try {
      s.startParts();
      return s;
    } catch (RuntimeException | IOException e) {
      s.close();
      throw new IllegalStateException("the sandbox did not start: " + e.getMessage(), e);
    }
  }

  private void startParts() throws IOException {
    kafka = add(KafkaClusters.start());
    kafka.createTopics(topics, options.partitions());
    link =
        add(
            ClusterLinkSimulator.start(
                kafka.sourceBootstrap(), kafka.destinationBootstrap(), LINK, CLUSTER_ID));
    topics.forEach(link::addMirror);
    String apiKey = "SANDBOX" + hex(4).toUpperCase(Locale.ROOT);
    String apiSecret = hex(24);
    rest = add(ClusterLinkRestServer.start(link, apiKey, apiSecret));
    gateway = add(KroxyGateway.start(kafka.sourceBootstrap(), 0));
    KubeSandbox.Options kubeOptions = KubeSandbox.Options.defaults();
    kube =
        add(
            KubeSandbox.start(
                gateway,
                kafka.sourceBootstrap(),
                kafka.destinationBootstrap(),
                options.hotReload() ? kubeOptions.withHotReload() : kubeOptions));
    manifest = new ManifestWriter(options, this).write(apiKey, apiSecret);
    log.info("Sandbox ready: {}", describe());
  }

  private <T extends AutoCloseable> T add(T part) {
    parts.add(part);
    return part;
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Real clients through the gateway (they never learn another address). */
  public Workload workload(int recordsPerSecond) {
    return new Workload(gateway.bootstrap(), topics, recordsPerSecond);
  }

  /** What runs where, for people. */
  public String describe() {
    return "source Kafka "
        + kafka.sourceBootstrap()
        + ", destination Kafka "
        + kafka.destinationBootstrap()
        + ", Cluster Linking REST "
        + rest.baseUrl()
        + " (link "
        + LINK
        + ", "
        + topics.size()
        + " mirror topics),"
        + " gateway "
        + gateway.bootstrap()
        + ", Kubernetes API "
        + kube.apiUrl()
        + " (Gateway "
        + kube.namespace()
        + "/"
        + kube.gatewayName()
        + ")";
  }

  public Path manifest() {
    return manifest;
  }

  public List<String> topics() {
    return topics;
  }

  public Options options() {
    return options;
  }

  public KafkaClusters kafka() {
    return kafka;
  }

  public ClusterLinkSimulator link() {
    return link;
  }

  public ClusterLinkRestServer rest() {
    return rest;
  }

  public KroxyGateway gateway() {
    return gateway;
  }

  public KubeSandbox kube() {
    return kube;
  }

  static void writePrivate(Path file, String content) throws IOException {
    Files.writeString(file, content);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system; nothing secret is world-readable by default there
    }
  }

  @Override
  public void close() {
    for (int i = parts.size() - 1; i >= 0; i--) {
      try {
        parts.get(i).close();
      } catch (Exception e) {
        log.warn("closing {}: {}", parts.get(i).getClass().getSimpleName(), e.toString());
      }
    }
    parts.clear();
  }
}
