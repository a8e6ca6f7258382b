package io.cutover.sandbox.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Kafka client factories and small helpers shared by the gateway and kube tests. */
public final class TestClients {
  private TestClients() {}

  /** An idempotent acks=all producer (the Java defaults plus explicit acks/idempotence). */
  public static KafkaProducer<String, String> producer(
      String bootstrap, Map<String, Object> overrides) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(
        ProducerConfig.CLIENT_ID_CONFIG,
        "test-producer-" + UUID.randomUUID().toString().substring(0, 6));
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.putAll(overrides);
    return new KafkaProducer<>(p);
  }

  public static KafkaProducer<String, String> producer(String bootstrap) {
    return producer(bootstrap, Map.of());
  }

  /** A consumer in a fresh group reading from the earliest offset. */
  public static KafkaConsumer<String, String> consumer(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "g-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }

  public static Admin admin(String bootstrap) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    return Admin.create(p);
  }

  /**
   * The cluster id the cluster behind {@code bootstrap} reports (through a proxy: the upstream's).
   */
  public static String clusterId(String bootstrap) {
    try (Admin a = admin(bootstrap)) {
      return a.describeCluster().clusterId().get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("describeCluster via " + bootstrap + " failed: " + e, e);
    }
  }

  /** Creates a topic directly on a cluster (not through the gateway). */
  public static void createTopic(String bootstrap, String topic, int partitions) {
    try (Admin a = admin(bootstrap)) {
      a.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(
          "creating " + topic + " on " + bootstrap + " failed: " + e, e);
    }
  }

  /**
   * Reads every record of {@code topic} from the start until {@code expected} arrived or the
   * timeout passed.
   */
  public static List<String> readAll(
      String bootstrap, String topic, int expected, Duration timeout) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> c = consumer(bootstrap)) {
      c.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }
}
