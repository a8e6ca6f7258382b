package io.cutover.sandbox.link;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka clients for the link tests: produce, read back, commit and read group offsets. */
final class LinkTestClients {
  private LinkTestClients() {}

  /** What a record looked like, compared between source and destination. */
  record Rec(int partition, long offset, long timestamp, String key, String value, String header) {}

  /**
   * Produces {@code count} records numbered from {@code first}, spread over the partitions by an
   * explicit number.
   */
  static void produce(String bootstrap, String topic, int partitions, int first, int count)
      throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      long ts = 1_700_000_000_000L;
      for (int i = first; i < first + count; i++) {
        ProducerRecord<byte[], byte[]> r =
            new ProducerRecord<>(
                topic,
                i % partitions,
                ts + i,
                ("k" + i).getBytes(StandardCharsets.UTF_8),
                ("v" + i).getBytes(StandardCharsets.UTF_8));
        r.headers().add("id", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
        producer.send(r);
      }
      producer.flush();
    }
  }

  /** Every record of the topic, in partition then offset order. */
  static List<Rec> readAll(String bootstrap, String topic, int partitions) throws Exception {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<Rec> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> tps = new ArrayList<>();
      for (int i = 0; i < partitions; i++) {
        tps.add(new TopicPartition(topic, i));
      }
      c.assign(tps);
      c.seekToBeginning(tps);
      Map<TopicPartition, Long> ends = c.endOffsets(tps);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (tps.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
          var h = r.headers().lastHeader("id");
          out.add(
              new Rec(
                  r.partition(),
                  r.offset(),
                  r.timestamp(),
                  new String(r.key(), StandardCharsets.UTF_8),
                  new String(r.value(), StandardCharsets.UTF_8),
                  h == null ? null : new String(h.value(), StandardCharsets.UTF_8)));
        }
      }
    }
    out.sort(
        (a, b) ->
            a.partition() != b.partition()
                ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
    return out;
  }

  static Admin admin(String bootstrap) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return Admin.create(p);
  }

  /** Commits {@code offset} for every partition of the topic in {@code group} (an empty group). */
  static void commit(Admin admin, String group, String topic, int partitions, long offset)
      throws Exception {
    Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
    for (int i = 0; i < partitions; i++) {
      m.put(new TopicPartition(topic, i), new OffsetAndMetadata(offset));
    }
    admin.alterConsumerGroupOffsets(group, m).all().get(10, TimeUnit.SECONDS);
  }

  /** The group's committed offset per partition number for the topic; empty when none. */
  static Map<Integer, Long> committed(Admin admin, String group, String topic) throws Exception {
    Map<Integer, Long> out = new HashMap<>();
    admin
        .listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata()
        .get(10, TimeUnit.SECONDS)
        .forEach(
            (tp, om) -> {
              if (om != null && tp.topic().equals(topic)) {
                out.put(tp.partition(), om.offset());
              }
            });
    return out;
  }

  static boolean eventually(Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }

  /** Wraps a checked call for use in a BooleanSupplier. */
  static <T> T unchecked(java.util.concurrent.Callable<T> c) {
    try {
      return c.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Closes what a test class started, in the order given; one whose start failed is null. */
  static void closeAll(AutoCloseable... started) {
    for (AutoCloseable c : started) {
      if (c != null) {
        unchecked(
            () -> {
              c.close();
              return null;
            });
      }
    }
  }
}
