package io.cutover.sandbox.link;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent Cluster Link from the source cluster to the destination, simulated on kafka-clients:
 * one offset-preserving {@link TopicCopier} per mirror topic, a consumer-offset sync thread that
 * honours the link configs, mirror states ACTIVE → PENDING_STOPPED → STOPPED on promote, and {@link
 * LinkFaults} for failure injection. {@link ClusterLinkRestServer} serves it as REST v3. Semantics
 * follow Confluent's REST v3 cluster-linking API (configs, mirror states, promote) and its consumer
 * offset sync (docs/sandbox.md).
 *
 * <p>Differences from the real thing, chosen conservatively: a destination mirror topic is NOT
 * read-only before promotion (a real mirror rejects produce requests), so the gateway must never
 * route producers to the destination before the topic is STOPPED; the mirror topic name equals the
 * source topic name (no link prefix); producer idempotence state is not carried over.
 */
public final class ClusterLinkSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterLinkSimulator.class);

  /** Link config keys of the consumer-offset sync (REST v3 link configs, docs/sandbox.md). */
  public static final String OFFSET_SYNC_ENABLE = LinkConfigs.SYNC_ENABLE;

  public static final String OFFSET_SYNC_MS = LinkConfigs.SYNC_MS;
  public static final String OFFSET_GROUP_FILTERS = LinkConfigs.GROUP_FILTERS;

  private final String linkName;
  private final String destinationClusterId;
  private final String clusterLinkId = Uuid.randomUuid().toString();
  private final String sourceBootstrap;
  private final String destinationBootstrap;
  private final Admin sourceAdmin;
  private final Admin destinationAdmin;
  private final String sourceClusterId;
  private final LinkConfigs configs;
  private final LinkFaults faults = new LinkFaults();
  private final Map<String, TopicCopier> mirrors = new ConcurrentSkipListMap<>();
  private final OffsetSyncer syncer;
  private final MirrorReader reader;
  private final LinkPromoter promotion;

  private ClusterLinkSimulator(
      String sourceBootstrap,
      String destinationBootstrap,
      String linkName,
      String destinationClusterId,
      Map<String, String> initialConfigs)
      throws Exception {
    this.linkName = require(linkName, "linkName");
    this.destinationClusterId = require(destinationClusterId, "destinationClusterId");
    this.sourceBootstrap = require(sourceBootstrap, "sourceBootstrap");
    this.destinationBootstrap = require(destinationBootstrap, "destinationBootstrap");
    this.configs = new LinkConfigs(linkName, initialConfigs);
    this.sourceAdmin =
        Admin.create(adminProps(sourceBootstrap, "link-" + linkName + "-source-admin"));
    this.destinationAdmin =
        Admin.create(adminProps(destinationBootstrap, "link-" + linkName + "-destination-admin"));
    try {
      this.sourceClusterId =
          sourceAdmin.describeCluster().clusterId().get(Offsets.TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      closeAdmins();
      throw new IllegalStateException(
          "cannot reach the source cluster at "
              + sourceBootstrap
              + " to create cluster link \""
              + linkName
              + "\": "
              + e,
          e);
    }
    this.reader = new MirrorReader(sourceAdmin, destinationAdmin);
    this.promotion = new LinkPromoter(linkName, mirrors, reader, sourceAdmin, faults);
    this.syncer =
        new OffsetSyncer(linkName, sourceAdmin, destinationAdmin, configs, this::mirroringTopics);
    syncer.start();
  }

  /**
   * Creates the link with the sandbox's creation configs: {@code consumer.offset.sync.enable=true},
   * {@code consumer.offset.sync.ms=1000}, {@code consumer.offset.group.filters} including every
   * group.
   *
   * @param destinationClusterId the id the REST API serves the link under (e.g. {@code
   *     lkc-sandbox})
   */
  public static ClusterLinkSimulator start(
      String sourceBootstrap,
      String destinationBootstrap,
      String linkName,
      String destinationClusterId) {
    return start(sourceBootstrap, destinationBootstrap, linkName, destinationClusterId, Map.of());
  }

  /**
   * As {@link #start(String, String, String, String)}, with {@code configOverrides} applied over
   * the sandbox's creation configs (validated; unknown keys are refused).
   *
   * @throws LinkApiException for an unknown or invalid config
   * @throws IllegalStateException when the source cluster cannot be reached
   */
  public static ClusterLinkSimulator start(
      String sourceBootstrap,
      String destinationBootstrap,
      String linkName,
      String destinationClusterId,
      Map<String, String> configOverrides) {
    Map<String, String> initial = new LinkedHashMap<>(LinkConfigs.sandboxDefaults());
    initial.putAll(configOverrides);
    try {
      return new ClusterLinkSimulator(
          sourceBootstrap, destinationBootstrap, linkName, destinationClusterId, initial);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cluster link \"" + linkName + "\" did not start: " + e, e);
    }
  }

  public String linkName() {
    return linkName;
  }

  /** The destination cluster id the link lives on (the REST path's {@code {cluster_id}}). */
  public String destinationClusterId() {
    return destinationClusterId;
  }

  /** The link's {@code cluster_link_id}, a random 22-character id fixed for this simulator. */
  public String clusterLinkId() {
    return clusterLinkId;
  }

  /** The source Kafka cluster's id, as its brokers report it. */
  public String sourceClusterId() {
    return sourceClusterId;
  }

  public String sourceBootstrap() {
    return sourceBootstrap;
  }

  public String destinationBootstrap() {
    return destinationBootstrap;
  }

  /** The fault knobs of this link and its REST API. */
  public LinkFaults faults() {
    return faults;
  }

  /**
   * Creates the mirror topic on the destination with the source topic's partition count and starts
   * copying from the destination's end offsets (from 0 for a new topic). Returns once the copier
   * runs. Idempotent: a topic already mirrored is left as it is.
   *
   * @throws LinkApiException 404 when the source topic does not exist
   * @throws IllegalStateException when the destination topic exists with another partition count
   */
  public synchronized void addMirror(String topic) {
    if (mirrors.containsKey(topic)) {
      return;
    }
    int partitions;
    try {
      partitions = TopicSetup.createLike(sourceAdmin, destinationAdmin, topic, linkName);
    } catch (LinkApiException | IllegalStateException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(
          "could not create mirror topic \""
              + topic
              + "\" on cluster link \""
              + linkName
              + "\": "
              + e,
          e);
    }
    TopicCopier copier =
        new TopicCopier(
            linkName,
            topic,
            partitions,
            sourceBootstrap,
            destinationBootstrap,
            destinationAdmin,
            faults,
            this::finalOffsetSync);
    mirrors.put(topic, copier);
    copier.start();
    LOG.info("cluster link {}: mirroring topic {} ({} partitions)", linkName, topic, partitions);
  }

  /** The mirror topic names, sorted. */
  public List<String> mirrorTopics() {
    return new ArrayList<>(mirrors.keySet());
  }

  /**
   * The topic's mirror state.
   *
   * @throws LinkApiException 404 when the topic is not a mirror on this link
   */
  public MirrorState mirrorState(String topic) {
    return copier(topic).state();
  }

  /** The mirror with live lags (two ListOffsets calls). @throws LinkApiException 404 if unknown */
  public MirrorSnapshot describeMirror(String topic) {
    return reader.read(List.of(copier(topic))).get(0);
  }

  /** Every mirror, sorted by name, with live lags. */
  public List<MirrorSnapshot> mirrors() {
    return reader.read(new ArrayList<>(mirrors.values()));
  }

  /** Promotes one topic; see {@link #promote(List, boolean)}. */
  public PromoteOutcome promote(String topic) {
    return promote(List.of(topic), false).get(0);
  }

  /**
   * Promotes these topics (REST v3 mirrors:promote): an ACTIVE topic turns PENDING_STOPPED and its
   * copier drains to the source end offsets read now, then it turns STOPPED. Per-topic errors,
   * never thrown: 404 for a topic that is not a mirror, 400 for one already
   * PENDING_STOPPED/STOPPED/FAILED, and the errors armed with {@link LinkFaults#failPromote}. The
   * lag is not checked (the drain closes it). With {@code validateOnly} nothing changes. Not
   * idempotent: a second promote of a topic is refused per topic, as on the real server.
   */
  public List<PromoteOutcome> promote(List<String> topics, boolean validateOnly) {
    return promotion.promote(topics, validateOnly);
  }

  /**
   * Waits until the topic reaches {@code state}; true if it did within {@code timeout}.
   *
   * @throws LinkApiException 404 when the topic is not a mirror
   */
  public boolean awaitState(String topic, MirrorState state, Duration timeout) {
    TopicCopier c = copier(topic);
    return TopicSetup.poll(() -> c.state() == state, timeout);
  }

  /** Waits until the topic's total lag is 0; true if it was within {@code timeout}. */
  public boolean awaitZeroLag(String topic, Duration timeout) {
    copier(topic);
    return TopicSetup.poll(() -> describeMirror(topic).totalLag() == 0, timeout);
  }

  /** Effective link configs, name to string value, sorted (defaults included). */
  public Map<String, String> configs() {
    return configs.effective();
  }

  /** Every config with its default/read-only flags, sorted by name. */
  public List<LinkConfigEntry> configEntries() {
    return configs.entries();
  }

  /** One config. @throws LinkApiException 404 for an unknown name */
  public LinkConfigEntry configEntry(String name) {
    return configs.entry(name);
  }

  /**
   * Sets one config (as {@code PUT .../configs/{name}}). @throws LinkApiException 400 if refused
   */
  public void setConfig(String name, String value) {
    configs.alter(List.of(ConfigOp.set(name, value)), false);
  }

  /** Resets one config to its default (as {@code DELETE .../configs/{name}}). */
  public void resetConfig(String name) {
    configs.alter(List.of(ConfigOp.delete(name)), false);
  }

  /**
   * Applies a batch atomically (as {@code PUT .../configs:alter}). Disabling {@code
   * consumer.offset.sync.enable} clears {@code consumer.offset.group.filters}.
   *
   * @throws LinkApiException 400 when any entry is refused; nothing changes then
   */
  public void alterConfigs(List<ConfigOp> ops) {
    alterConfigs(ops, false);
  }

  /**
   * As {@link #alterConfigs(List)}; with {@code validateOnly} the checks run and nothing changes.
   */
  public void alterConfigs(List<ConfigOp> ops, boolean validateOnly) {
    configs.alter(ops, validateOnly);
  }

  /** True while {@code consumer.offset.sync.enable} is "true". */
  public boolean offsetSyncEnabled() {
    return configs.syncEnabled();
  }

  /**
   * A snapshot of the link's counters (copied records, offset mismatches, offset sync rounds, ...).
   */
  public LinkStats stats() {
    long copied = 0;
    long mismatches = 0;
    long restarts = 0;
    for (TopicCopier c : mirrors.values()) {
      copied += c.copied();
      mismatches += c.mismatches();
      restarts += c.restarts();
    }
    return new LinkStats(
        copied,
        mismatches,
        restarts,
        syncer.rounds(),
        syncer.commits(),
        syncer.skippedActiveGroups(),
        syncer.finalRounds());
  }

  /**
   * Stops every copier and the offset sync, then closes the admin clients. Mirror states stay as
   * they are.
   */
  @Override
  public void close() {
    mirrors.values().forEach(TopicCopier::close);
    syncer.close();
    closeAdmins();
  }

  TopicCopier copier(String topic) {
    TopicCopier c = mirrors.get(topic);
    if (c == null) {
      throw LinkApiException.notFound(
          "Topic '" + topic + "' is not a mirror topic on cluster link '" + linkName + "'.");
    }
    return c;
  }

  private Set<String> mirroringTopics() {
    Set<String> out = new HashSet<>();
    mirrors.forEach(
        (t, c) -> {
          if (c.state() == MirrorState.ACTIVE || c.state() == MirrorState.PENDING_STOPPED) {
            out.add(t);
          }
        });
    return out;
  }

  private void finalOffsetSync(String topic) {
    try {
      syncer.finalSync(topic);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("final consumer offset sync for mirror {} failed: {}", topic, e.toString());
    }
  }

  private void closeAdmins() {
    sourceAdmin.close(Duration.ofSeconds(5));
    destinationAdmin.close(Duration.ofSeconds(5));
  }

  private static Properties adminProps(String bootstrap, String clientId) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
    return p;
  }

  private static String require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return value;
  }
}
