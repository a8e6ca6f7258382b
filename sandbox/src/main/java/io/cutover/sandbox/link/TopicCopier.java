package io.cutover.sandbox.link;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors one topic, offset-preserving, on its own thread: a {@code read_committed} consumer
 * assigned to every source partition, positioned at the destination's end offsets (so a restart
 * resumes without duplicates), and an idempotent {@code acks=all} producer that writes each record
 * to the SAME partition number with its timestamp, key, value and headers. Every acknowledgement is
 * checked: destination offset must equal source offset, else {@link #mismatches()} grows.
 *
 * <p>Offsets match only while the source log has no gaps (no transactions, no compaction, log start
 * 0). Producer (idempotence) state is not copied: the copier writes with its own producer id.
 *
 * <p>After {@link #promote}, the copier copies up to the source end offsets seen at promote time,
 * flushes, runs the final hook (offset sync), turns STOPPED and ends its thread.
 */
final class TopicCopier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicCopier.class);
  private static final Duration POLL = Duration.ofMillis(50);

  private final String topic;
  private final List<TopicPartition> partitions = new ArrayList<>();
  private final Properties consumerProps = new Properties();
  private final Properties producerProps = new Properties();
  private final Admin destinationAdmin;
  private final LinkFaults faults;
  private final Consumer<String> beforeStopped;
  private final Thread thread;
  private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
  private final AtomicLong copied = new AtomicLong();
  private final AtomicLong mismatches = new AtomicLong();
  private final AtomicLong restarts = new AtomicLong();
  private volatile boolean running = true;
  private volatile MirrorState state = MirrorState.ACTIVE;
  private volatile long stateTimeMs = System.currentTimeMillis();
  private volatile Map<Integer, Long> drainTarget = Map.of();
  private volatile Exception sendFailure;

  TopicCopier(
      String linkName,
      String topic,
      int numPartitions,
      String sourceBootstrap,
      String destinationBootstrap,
      Admin destinationAdmin,
      LinkFaults faults,
      Consumer<String> beforeStopped) {
    this.topic = topic;
    this.destinationAdmin = destinationAdmin;
    this.faults = faults;
    this.beforeStopped = beforeStopped;
    for (int p = 0; p < numPartitions; p++) {
      partitions.add(new TopicPartition(topic, p));
    }
    String clientId = "link-" + linkName + "-copier-" + topic;
    consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sourceBootstrap);
    consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Positions come from the destination's end offsets; one that is out of range on the source
    // (destination written to behind the link's back) must fail the mirror, not silently re-copy.
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    consumerProps.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    consumerProps.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, destinationBootstrap);
    producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    producerProps.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "2");
    // Bounded so a flush against a destination that went away ends (then the copier restarts).
    producerProps.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    producerProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    producerProps.put(
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producerProps.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.thread = new Thread(this::run, clientId);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  String topic() {
    return topic;
  }

  int numPartitions() {
    return partitions.size();
  }

  MirrorState state() {
    return state;
  }

  long stateTimeMs() {
    return stateTimeMs;
  }

  /** The next source offset the copier reads, per partition (-1 before the first positioning). */
  long position(int partition) {
    return positions.getOrDefault(partition, -1L);
  }

  long copied() {
    return copied.get();
  }

  long mismatches() {
    return mismatches.get();
  }

  long restarts() {
    return restarts.get();
  }

  /**
   * ACTIVE to PENDING_STOPPED: copy up to {@code sourceEndOffsets} (per partition), then stop.
   * Returns false (and changes nothing) when the topic is not ACTIVE.
   */
  synchronized boolean promote(Map<Integer, Long> sourceEndOffsets) {
    if (state != MirrorState.ACTIVE) {
      return false;
    }
    drainTarget = Map.copyOf(sourceEndOffsets);
    setState(MirrorState.PENDING_STOPPED);
    LOG.info(
        "mirror {} PENDING_STOPPED: draining to source end offsets {}", topic, sourceEndOffsets);
    return true;
  }

  private void run() {
    KafkaProducer<byte[], byte[]> producer = null;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
      consumer.assign(partitions);
      producer = new KafkaProducer<>(producerProps);
      seekToDestinationEnd(consumer);
      while (running) {
        if (sendFailure != null) {
          producer = restart(producer, consumer);
        }
        if (faults.copyingStalled(topic)) {
          Thread.sleep(POLL.toMillis());
          continue;
        }
        if (state == MirrorState.PENDING_STOPPED && drained()) {
          producer.flush();
          if (sendFailure != null) {
            continue;
          }
          if (faults.holdsPendingStopped(topic)) {
            Thread.sleep(POLL.toMillis());
            continue;
          }
          beforeStopped.accept(topic);
          setState(MirrorState.STOPPED);
          LOG.info("mirror {} STOPPED after copying {} records", topic, copied.get());
          return;
        }
        var records = consumer.poll(POLL);
        Map<Integer, Long> target = state == MirrorState.PENDING_STOPPED ? drainTarget : null;
        for (ConsumerRecord<byte[], byte[]> r : records) {
          if (target == null || r.offset() < target.getOrDefault(r.partition(), 0L)) {
            send(producer, r);
          }
        }
        for (TopicPartition tp : partitions) {
          positions.put(tp.partition(), consumer.position(tp));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      if (running) {
        LOG.error("mirror {} FAILED: the copier stopped on {}", topic, e.toString(), e);
        setState(MirrorState.FAILED);
      }
    } finally {
      if (producer != null) {
        producer.close(Duration.ofSeconds(2));
      }
    }
  }

  private void send(KafkaProducer<byte[], byte[]> producer, ConsumerRecord<byte[], byte[]> r) {
    long sourceOffset = r.offset();
    ProducerRecord<byte[], byte[]> out =
        new ProducerRecord<>(
            topic,
            r.partition(),
            r.timestamp(),
            r.key(),
            r.value(),
            new RecordHeaders(r.headers().toArray()));
    producer.send(
        out,
        (md, ex) -> {
          if (ex != null) {
            sendFailure = ex;
            return;
          }
          copied.incrementAndGet();
          if (md.offset() != sourceOffset && mismatches.incrementAndGet() <= 10) {
            LOG.error(
                "mirror {} partition {}: source offset {} landed at destination offset {}; offsets diverged",
                topic,
                r.partition(),
                sourceOffset,
                md.offset());
          }
        });
  }

  private boolean drained() {
    for (Map.Entry<Integer, Long> e : drainTarget.entrySet()) {
      if (position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  // A failed send may leave later batches failed too: close (letting in-flight sends finish), then
  // resume from what the destination really holds.
  private KafkaProducer<byte[], byte[]> restart(
      KafkaProducer<byte[], byte[]> producer, KafkaConsumer<byte[], byte[]> consumer)
      throws Exception {
    LOG.warn(
        "mirror {}: a send to the destination failed ({}); restarting the copier from the destination end offsets",
        topic,
        String.valueOf(sendFailure));
    producer.close(Duration.ofSeconds(5));
    sendFailure = null;
    restarts.incrementAndGet();
    KafkaProducer<byte[], byte[]> fresh = new KafkaProducer<>(producerProps);
    seekToDestinationEnd(consumer);
    return fresh;
  }

  private void seekToDestinationEnd(KafkaConsumer<byte[], byte[]> consumer) throws Exception {
    Map<TopicPartition, Long> ends = Offsets.endOffsets(destinationAdmin, partitions);
    for (TopicPartition tp : partitions) {
      long end = ends.getOrDefault(tp, 0L);
      consumer.seek(tp, end);
      positions.put(tp.partition(), end);
    }
  }

  private void setState(MirrorState s) {
    stateTimeMs = System.currentTimeMillis();
    state = s;
  }

  /** Stops the thread (within about a second) without changing the mirror state. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("copier thread for mirror {} did not stop within 10 s", topic);
    }
  }
}
