package io.cutover.sandbox.workload;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real Java clients through the gateway during a cutover: an idempotent acks=all producer writing
 * numbered records at a steady rate over the topics, and a consumer group committing after every
 * poll. Afterwards {@link #truth} reads the final cluster and counts what was lost or duplicated.
 */
public final class Workload implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Workload.class);
  public static final String GROUP = "sandbox-app";

  private final String bootstrap;
  private final String group;
  private final List<String> topics;
  private final int recordsPerSecond;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicLong nextId = new AtomicLong();
  private final Set<Long> acked = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
  private final Map<Long, Integer> deliveries = new ConcurrentHashMap<>();
  private final List<Redeliveries.Redelivery> redeliveries = new CopyOnWriteArrayList<>();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong consumerErrors = new AtomicLong();
  private volatile boolean consuming;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private Thread producerThread;
  private Thread consumerThread;

  /**
   * @param bootstrap the gateway's bootstrap (clients never learn another address)
   * @param recordsPerSecond total rate over all topics
   */
  public Workload(String bootstrap, List<String> topics, int recordsPerSecond) {
    this(bootstrap, topics, recordsPerSecond, GROUP);
  }

  /**
   * @param group the consumer group's id (each service of a migration has its own)
   */
  public Workload(String bootstrap, List<String> topics, int recordsPerSecond, String group) {
    this.bootstrap = bootstrap;
    this.group = group;
    this.topics = List.copyOf(topics);
    this.recordsPerSecond = recordsPerSecond;
  }

  public void start() {
    running.set(true);
    consuming = true;
    producerThread = new Thread(this::produce, "sandbox-producer");
    consumerThread = new Thread(this::consume, "sandbox-consumer");
    producerThread.setDaemon(true);
    consumerThread.setDaemon(true);
    producerThread.start();
    consumerThread.start();
  }

  /** Stops producing, then lets the consumer catch up on what was acknowledged (bounded). */
  public void stop(Duration catchUp) throws InterruptedException {
    running.set(false);
    producerThread.join(Duration.ofMinutes(3).toMillis());
    long deadline = System.nanoTime() + catchUp.toNanos();
    while (System.nanoTime() < deadline && !deliveries.keySet().containsAll(acked)) {
      Thread.sleep(100);
    }
    consuming = false;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup(); // leaves poll() at once; the thread then closes the consumer cleanly
    }
    consumerThread.join(40_000);
  }

  public long sent() {
    return nextId.get();
  }

  public long acked() {
    return acked.size();
  }

  public long failed() {
    return failed.get();
  }

  private void produce() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "sandbox-producer");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      long intervalNanos = 1_000_000_000L / Math.max(1, recordsPerSecond);
      long next = System.nanoTime();
      while (running.get()) {
        long id = nextId.getAndIncrement();
        String topic = topics.get((int) (id % topics.size()));
        byte[] value = ByteBuffer.allocate(8).putLong(id).array();
        try {
          producer.send(
              new ProducerRecord<>(topic, value, value),
              (md, e) -> {
                if (e == null) {
                  acked.add(id);
                } else {
                  failed.incrementAndGet();
                  failures
                      .computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong())
                      .incrementAndGet();
                }
              });
        } catch (RuntimeException e) { // send() itself threw (e.g. metadata timeout)
          failed.incrementAndGet();
          failures
              .computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong())
              .incrementAndGet();
        }
        next += intervalNanos;
        long sleep = next - System.nanoTime();
        if (sleep > 0) {
          Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void consume() {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, "sandbox-consumer");
    try (KafkaConsumer<byte[], byte[]> kc =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer = kc;
      kc.subscribe(topics);
      while (consuming) {
        try {
          var records = kc.poll(Duration.ofMillis(200));
          for (ConsumerRecord<byte[], byte[]> r : records) {
            if (isOurs(r)) {
              if (deliveries.merge(ByteBuffer.wrap(r.value()).getLong(), 1, Integer::sum) > 1) {
                redeliveries.add(
                    new Redeliveries.Redelivery(
                        new TopicPartition(r.topic(), r.partition()), r.offset()));
              }
            }
          }
          if (!records.isEmpty()) {
            kc.commitSync();
          }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
          break;
        } catch (RuntimeException e) {
          // A real application logs and goes on (e.g. a commit refused during a rebalance);
          // counted.
          consumerErrors.incrementAndGet();
          log.debug("consumer: {}", e.toString());
        }
      }
    }
  }

  /** Our records carry an 8-byte id as key and value; anything else was written by someone else. */
  private static boolean isOurs(ConsumerRecord<byte[], byte[]> r) {
    return r.value() != null
        && r.value().length == 8
        && java.util.Arrays.equals(r.key(), r.value());
  }

  /**
   * Reads every topic of the final cluster from the beginning and compares it with what the clients
   * saw.
   */
  public WorkloadReport truth(String finalBootstrap) {
    Map<Long, Integer> inLog =
        FinalLog.count(
            finalBootstrap, topics, r -> isOurs(r) ? ByteBuffer.wrap(r.value()).getLong() : null);
    long lost = acked.stream().filter(id -> !inLog.containsKey(id)).count();
    long duplicated = inLog.values().stream().filter(n -> n > 1).count();
    long redelivered = deliveries.values().stream().mapToLong(n -> n - 1).sum();
    Map<String, Long> byType = new HashMap<>();
    failures.forEach((k, v) -> byType.put(k, v.get()));
    return new WorkloadReport(
        nextId.get(),
        acked.size(),
        failed.get(),
        lost,
        duplicated,
        redelivered,
        deliveries.size(),
        byType,
        consumerErrors.get());
  }

  /**
   * The re-deliveries so far, split by cause against the group's committed offsets on the source
   * (final once the fence held; read after the cutover, when the group commits on the destination).
   */
  public Redeliveries redeliveries(String sourceBootstrap) {
    Map<TopicPartition, Long> committed = new HashMap<>();
    try (Admin a =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, sourceBootstrap))) {
      a.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata()
          .get(30, TimeUnit.SECONDS)
          .forEach((tp, om) -> committed.put(tp, om.offset()));
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not read the group's offsets on the source", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading the group's offsets on the source", e);
    }
    return Redeliveries.split(redeliveries, committed);
  }

  @Override
  public void close() throws InterruptedException {
    if (running.get()) {
      stop(Duration.ofSeconds(5));
    }
  }
}
