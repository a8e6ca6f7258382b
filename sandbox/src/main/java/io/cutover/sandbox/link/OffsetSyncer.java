package io.cutover.sandbox.link;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link's consumer-offset sync (docs/sandbox.md): while {@code consumer.offset.sync.enable} is
 * "true", every {@code consumer.offset.sync.ms} it copies the committed offsets of the source
 * groups that {@code consumer.offset.group.filters} matches, for the mirror topics still mirroring,
 * to the destination. With no filters nothing is synced.
 *
 * <p>A group that is active on the destination cannot be written ({@code alterConsumerGroupOffsets}
 * fails with a member/non-empty error): it is skipped, as Cluster Linking does. Conservative where
 * the real behaviour is not documented: an offset beyond what the destination holds yet is held
 * back until the copier has caught up (a consumer never starts past the mirrored data), and the
 * source's leader epoch is not copied (it means nothing on the other cluster).
 */
final class OffsetSyncer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OffsetSyncer.class);
  private static final long TICK_MS = 20;

  private final Admin source;
  private final Admin destination;
  private final LinkConfigs configs;
  private final Supplier<Set<String>> syncedTopics;
  private final Thread thread;
  private final AtomicLong rounds = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong skippedActive = new AtomicLong();
  private final FinalSyncs finalSyncs = new FinalSyncs();
  private final AtomicLong finalRounds = new AtomicLong();
  private volatile boolean running = true;

  /**
   * @param syncedTopics the mirror topics whose offsets are synced (those still mirroring)
   */
  OffsetSyncer(
      String linkName,
      Admin source,
      Admin destination,
      LinkConfigs configs,
      Supplier<Set<String>> syncedTopics) {
    this.source = source;
    this.destination = destination;
    this.configs = configs;
    this.syncedTopics = syncedTopics;
    this.thread = new Thread(this::loop, "link-" + linkName + "-offset-sync");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Sync rounds run while sync was enabled (one per interval). */
  long rounds() {
    return rounds.get();
  }

  /** Group offset writes made on the destination. */
  long commits() {
    return commits.get();
  }

  /** Times a group was skipped because it was active on the destination. */
  long skippedActiveGroups() {
    return skippedActive.get();
  }

  private void loop() {
    long lastRound = 0;
    while (running) {
      try {
        long now = System.currentTimeMillis();
        if (!configs.syncEnabled()) {
          lastRound = 0; // the first round after enabling runs at once
        } else if (now - lastRound >= configs.syncIntervalMs()) {
          lastRound = now;
          rounds.incrementAndGet();
          syncRound(syncedTopics.get());
        }
        Thread.sleep(TICK_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        if (running) {
          LOG.warn("consumer offset sync round failed; retrying next interval: {}", e.toString());
        }
      }
    }
  }

  /**
   * One sync round for these topics, if sync is enabled. The interval loop runs it; a promote runs
   * it once more for its topic before STOPPED (the final sync). Not counted in {@link #rounds()}.
   */
  synchronized void syncRound(Collection<String> topics) throws Exception {
    if (!configs.syncEnabled()) {
      return;
    }
    GroupFilters filters = configs.groupFilters();
    if (filters.filters().isEmpty() || topics.isEmpty()) {
      return;
    }
    Collection<ConsumerGroupListing> groups =
        source.listConsumerGroups().all().get(Offsets.TIMEOUT_MS, TimeUnit.MILLISECONDS);
    for (ConsumerGroupListing g : groups) {
      if (filters.matches(g.groupId())) {
        syncGroup(g.groupId(), topics);
      }
    }
  }

  /**
   * The final sync of a promoted topic, before it turns STOPPED. Final syncs that arrive while a
   * round runs share the next round: a promote of many topics costs a few rounds, not one each (one
   * each, serialised, took about 50 s for 1,000 topics, which no real link takes). Returns once a
   * round that includes {@code topic} has run.
   */
  void finalSync(String topic) throws Exception {
    long ticket;
    synchronized (finalSyncs) {
      finalSyncs.waiting.add(topic);
      ticket = ++finalSyncs.requested;
    }
    synchronized (finalSyncs.roundLock) {
      Set<String> batch;
      long upTo;
      synchronized (finalSyncs) {
        if (finalSyncs.done >= ticket) {
          return; // another caller's round included this topic
        }
        batch = finalSyncs.waiting;
        finalSyncs.waiting = new HashSet<>();
        upTo = finalSyncs.requested;
      }
      try {
        finalRounds.incrementAndGet();
        syncRound(batch);
      } finally {
        synchronized (finalSyncs) {
          finalSyncs.done = upTo;
        }
      }
    }
  }

  /** The final syncs waiting for a round, and how far the rounds have come (by ticket). */
  private static final class FinalSyncs {
    final Object roundLock = new Object();
    Set<String> waiting = new HashSet<>();
    long requested;
    long done;
  }

  /** Rounds run for final syncs ({@link #finalSync}), each for every topic waiting then. */
  long finalRounds() {
    return finalRounds.get();
  }

  private void syncGroup(String group, Collection<String> topics) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        source
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(Offsets.TIMEOUT_MS, TimeUnit.MILLISECONDS);
    Map<TopicPartition, OffsetAndMetadata> wanted = new HashMap<>();
    committed.forEach(
        (tp, om) -> {
          if (om != null && topics.contains(tp.topic())) {
            wanted.put(tp, new OffsetAndMetadata(om.offset(), om.metadata()));
          }
        });
    if (wanted.isEmpty()) {
      return;
    }
    Map<TopicPartition, Long> destinationEnds = Offsets.endOffsets(destination, wanted.keySet());
    Map<TopicPartition, OffsetAndMetadata> current =
        destination
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(Offsets.TIMEOUT_MS, TimeUnit.MILLISECONDS);
    Map<TopicPartition, OffsetAndMetadata> toWrite = new HashMap<>();
    wanted.forEach(
        (tp, om) -> {
          OffsetAndMetadata now = current.get(tp);
          boolean same = now != null && now.offset() == om.offset();
          if (!same && om.offset() <= destinationEnds.getOrDefault(tp, 0L)) {
            toWrite.put(tp, om);
          }
        });
    if (toWrite.isEmpty()) {
      return;
    }
    try {
      destination
          .alterConsumerGroupOffsets(group, toWrite)
          .all()
          .get(Offsets.TIMEOUT_MS, TimeUnit.MILLISECONDS);
      commits.incrementAndGet();
      LOG.debug("synced offsets of group {}: {}", group, toWrite);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownMemberIdException
          || e.getCause() instanceof GroupNotEmptyException) {
        skippedActive.incrementAndGet();
        LOG.debug("group {} is active on the destination; its offsets are not synced", group);
        return;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
