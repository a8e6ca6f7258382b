package io.cutover.sandbox.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaClustersIT {
  private Set<String> nonDaemonBefore;
  private KafkaClusters kafka;

  @BeforeAll
  void start() {
    nonDaemonBefore = nonDaemonThreads();
    kafka = KafkaClusters.start();
  }

  @AfterAll
  void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  @Order(1)
  void bothClustersAnswerWithTheirOwnClusterId() throws Exception {
    assertNotEquals(kafka.sourceBootstrap(), kafka.destinationBootstrap());
    try (Admin src = admin(kafka.sourceBootstrap());
        Admin dst = admin(kafka.destinationBootstrap())) {
      assertEquals(
          kafka.sourceClusterId(), src.describeCluster().clusterId().get(10, TimeUnit.SECONDS));
      assertEquals(
          kafka.destinationClusterId(),
          dst.describeCluster().clusterId().get(10, TimeUnit.SECONDS));
    }
    assertNotEquals(kafka.sourceClusterId(), kafka.destinationClusterId());
  }

  @Test
  @Order(2)
  void createTopicsCreatesThemOnTheSourceOnly() throws Exception {
    kafka.createTopics(List.of("alpha", "beta"), 3);
    try (Admin src = admin(kafka.sourceBootstrap());
        Admin dst = admin(kafka.destinationBootstrap())) {
      var described =
          src.describeTopics(List.of("alpha", "beta")).allTopicNames().get(10, TimeUnit.SECONDS);
      assertEquals(3, described.get("alpha").partitions().size());
      assertEquals(3, described.get("beta").partitions().size());
      Set<String> onDestination = dst.listTopics().names().get(10, TimeUnit.SECONDS);
      assertFalse(onDestination.contains("alpha"), "the destination's topics are the link's job");
    }
  }

  @Test
  @Order(3)
  void createTopicsAcceptsAnExistingTopicWithTheSamePartitionCountOnly() {
    kafka.createTopics(List.of("gamma"), 2);
    kafka.createTopics(List.of("gamma"), 2);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> kafka.createTopics(List.of("gamma"), 4));
    assertTrue(
        e.getMessage().contains("already exists on the source with 2 partitions"), e.getMessage());
  }

  @Test
  @Order(4)
  void brokersRunWithReplicationFactorOneAndNoAutoTopicCreation() throws Exception {
    for (String bootstrap : List.of(kafka.sourceBootstrap(), kafka.destinationBootstrap())) {
      try (Admin a = admin(bootstrap)) {
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "0");
        Config c = a.describeConfigs(List.of(broker)).all().get(10, TimeUnit.SECONDS).get(broker);
        assertEquals("false", c.get("auto.create.topics.enable").value());
        assertEquals("1", c.get("offsets.topic.replication.factor").value());
        assertEquals("0", c.get("group.initial.rebalance.delay.ms").value());
      }
    }
  }

  @Test
  @Order(5)
  void aConsumerGroupJoinsAndCommitsOnTheSource() throws Exception {
    kafka.createTopics(List.of("grp"), 1);
    Properties pp = new Properties();
    pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.sourceBootstrap());
    pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> p = new KafkaProducer<>(pp)) {
      for (int i = 0; i < 10; i++) {
        p.send(new ProducerRecord<>("grp", "k" + i, "v" + i));
      }
    }
    Properties cp = new Properties();
    cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.sourceBootstrap());
    cp.put(ConsumerConfig.GROUP_ID_CONFIG, "grp-app");
    cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    int seen = 0;
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(cp)) {
      c.subscribe(List.of("grp"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (seen < 10 && System.nanoTime() < deadline) {
        ConsumerRecords<String, String> r = c.poll(Duration.ofMillis(100));
        seen += r.count();
      }
      c.commitSync();
    }
    assertEquals(10, seen);
    try (Admin a = admin(kafka.sourceBootstrap())) {
      var offsets =
          a.listConsumerGroupOffsets("grp-app")
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      assertEquals(10, offsets.get(new TopicPartition("grp", 0)).offset());
    }
  }

  @Test
  @Order(6)
  void closeEndsEveryNonDaemonThreadItStarted() throws Exception {
    kafka.close();
    kafka.close(); // idempotent
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Set<String> left = Set.of();
    while (System.nanoTime() < deadline) {
      left =
          nonDaemonThreads().stream()
              .filter(t -> !nonDaemonBefore.contains(t))
              .collect(Collectors.toSet());
      if (left.isEmpty()) {
        break;
      }
      Thread.sleep(50);
    }
    assertEquals(Set.of(), left, "non-daemon threads would keep the JVM alive");
  }

  private static Set<String> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !t.isDaemon())
        .map(Thread::getName)
        .collect(Collectors.toSet());
  }

  private static Admin admin(String bootstrap) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }
}
