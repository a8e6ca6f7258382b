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
 * init}. With several groups ({@link Options#withGroups}), the Gateway has one route per group,
 * each served by its own proxy, and each group has its own topics and manifest ({@link #groups()}).
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
   * @param groups migration groups on the one gateway, each with {@code topics} topics of its own
   *     and its own route (docs/sandbox.md, "Several groups on one gateway")
   */
  public record Options(
      String name,
      int topics,
      int partitions,
      Map<String, String> policies,
      boolean pauseOffsetSync,
      Path workDir,
      Shape shape,
      boolean hotReload,
      int groups) {

    public Options {
      if (groups < 1 || groups > 26) {
        throw new IllegalArgumentException("groups must be between 1 and 26, got " + groups);
      }
    }

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
      return new Options(name, topics, 3, p, false, workDir, Shape.SWITCHOVER_FILE, false, 1);
    }

    public Options withPolicy(String key, String value) {
      Map<String, String> p = new LinkedHashMap<>(policies);
      p.put(key, value);
      return new Options(
          name, topics, partitions, p, pauseOffsetSync, workDir, shape, hotReload, groups);
    }

    public Options withPausedOffsetSync() {
      return new Options(
          name, topics, partitions, policies, true, workDir, shape, hotReload, groups);
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
      return new Options(
          name, topics, partitions, policies, pauseOffsetSync, workDir, shape, true, groups);
    }

    /**
     * {@code n} groups on the one gateway, named {@code <name>-1} ... {@code <name>-n}, each with
     * {@code topics} topics ({@code g<k>-orders-0} ...), the route {@code <group>-route} and the
     * manifest {@code <group>.yaml}.
     */
    public Options withGroups(int n) {
      return new Options(
          name, topics, partitions, policies, pauseOffsetSync, workDir, shape, hotReload, n);
    }

    private Options withShape(Shape s) {
      return new Options(
          name, topics, partitions, policies, pauseOffsetSync, workDir, s, hotReload, groups);
    }
  }

  private final Options options;
  private final List<AutoCloseable> parts = new ArrayList<>();
  private final List<String> topics;
  private KafkaClusters kafka;
  private ClusterLinkSimulator link;
  private ClusterLinkRestServer rest;
  private KubeSandbox kube;
  private List<SandboxGroup> groups = List.of();
  private Path wave;

  /** The fabric8 mock API logs every request through java.util.logging at INFO; kept referenced. */
  private static final java.util.logging.Logger QUIET =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    QUIET.setLevel(java.util.logging.Level.WARNING);
  }

  private Sandbox(Options options) {
    this.options = options;
    this.topics =
        IntStream.rangeClosed(1, options.groups())
            .boxed()
            .flatMap(k -> groupTopics(k).stream())
            .toList();
  }

  /** Group {@code k}'s topic prefix: {@link #TOPIC_PREFIX} alone when the sandbox has one group. */
  String topicPrefix(int k) {
    return options.groups() == 1 ? TOPIC_PREFIX : "g" + k + "-" + TOPIC_PREFIX;
  }

  private List<String> groupTopics(int k) {
    return IntStream.range(0, options.topics()).mapToObj(i -> topicPrefix(k) + i).toList();
  }

  private String groupName(int k) {
    return options.groups() == 1 ? options.name() : options.name() + "-" + k;
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
    KubeSandbox.Options kubeOptions = KubeSandbox.Options.defaults();
    Map<String, KroxyGateway> routes = new LinkedHashMap<>();
    for (int k = 1; k <= options.groups(); k++) {
      String route = options.groups() == 1 ? kubeOptions.routeName() : groupName(k) + "-route";
      routes.put(route, add(KroxyGateway.start(kafka.sourceBootstrap(), 0)));
    }
    kube =
        add(
            KubeSandbox.start(
                routes,
                kafka.sourceBootstrap(),
                kafka.destinationBootstrap(),
                options.hotReload() ? kubeOptions.withHotReload() : kubeOptions));
    ManifestWriter writer = new ManifestWriter(options, this, apiKey, apiSecret);
    List<SandboxGroup> written = new ArrayList<>();
    int k = 1;
    for (Map.Entry<String, KroxyGateway> route : routes.entrySet()) {
      String name = groupName(k);
      List<String> own = groupTopics(k);
      Path manifest = writer.write(name, route.getKey(), own, topicPrefix(k));
      written.add(new SandboxGroup(name, route.getKey(), own, route.getValue(), manifest));
      k++;
    }
    groups = List.copyOf(written);
    if (groups.size() > 1) {
      wave = writer.writeWave(groups);
    }
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

  /**
   * Real clients through the gateway (they never learn another address), on the first group's
   * topics: all of them unless the sandbox has several groups ({@link SandboxGroup#workload}).
   */
  public Workload workload(int recordsPerSecond) {
    return new Workload(gateway().bootstrap(), groups.get(0).topics(), recordsPerSecond);
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
        + (groups.size() == 1
            ? " gateway " + gateway().bootstrap()
            : " gateway routes "
                + groups.stream()
                    .map(g -> g.route() + " " + g.gateway().bootstrap())
                    .collect(java.util.stream.Collectors.joining(", ")))
        + ", Kubernetes API "
        + kube.apiUrl()
        + " (Gateway "
        + kube.namespace()
        + "/"
        + kube.gatewayName()
        + ")";
  }

  /** The first group's manifest: the only one unless the sandbox has several groups. */
  public Path manifest() {
    return groups.get(0).manifest();
  }

  /** Every group's topics (all mirrored on {@link #LINK}). */
  public List<String> topics() {
    return topics;
  }

  /**
   * With several groups, the wave manifest listing them all ({@code wave.yaml}, two at a time, one
   * approval); empty with one group.
   */
  public java.util.Optional<Path> wave() {
    return java.util.Optional.ofNullable(wave);
  }

  /** The migration groups, in route order; one unless {@link Options#withGroups}. */
  public List<SandboxGroup> groups() {
    return groups;
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

  /** The first group's proxy: the gateway itself unless the sandbox has several groups. */
  public KroxyGateway gateway() {
    return groups.get(0).gateway();
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
