package io.cutover.activities.offsets;

import io.cutover.activities.credentials.CredentialResolver;
import io.cutover.activities.credentials.KafkaCredentials;
import io.cutover.activities.credentials.RestCredentials;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.CredentialRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;

/** One in-process KRaft cluster (1 combined node) with a setup Admin and a producer. */
final class TestKafka implements AutoCloseable {
  static final String SCRAM_USER = "cutover-scram";

  /** Resolves every reference to plaintext: the sandbox clusters have no auth. */
  static final CredentialResolver PLAINTEXT =
      new CredentialResolver() {
        @Override
        public KafkaCredentials kafka(CredentialRef ref, String role) {
          return KafkaCredentials.plaintext();
        }

        @Override
        public RestCredentials rest(CredentialRef ref) {
          return RestCredentials.none();
        }
      };

  final KafkaClusterTestKit kit;
  final String bootstrap;
  final Admin admin;
  private final Map<String, Object> clientAuth;
  private KafkaProducer<String, String> producer;

  private TestKafka(KafkaClusterTestKit kit, Map<String, Object> clientAuth) {
    this.kit = kit;
    this.bootstrap = kit.bootstrapServers();
    this.clientAuth = clientAuth;
    Map<String, Object> cfg = new HashMap<>(clientAuth);
    cfg.put("bootstrap.servers", bootstrap);
    this.admin = Admin.create(cfg);
  }

  static TestKafka plaintext() throws Exception {
    return start(new TestKitNodes.Builder(), Map.of(), Map.of());
  }

  /**
   * A cluster whose client listener is SASL_PLAINTEXT with PLAIN (the test kit's admin, also used
   * between brokers) and SCRAM-SHA-256, with user {@link #SCRAM_USER} created with {@code
   * password}.
   */
  static TestKafka scram(String password) throws Exception {
    TestKafka k =
        start(
            new TestKitNodes.Builder()
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT),
            Map.of(
                "sasl.enabled.mechanisms",
                "PLAIN,SCRAM-SHA-256",
                "super.users",
                "User:plain-admin;User:" + SCRAM_USER),
            Map.of(
                "security.protocol",
                "SASL_PLAINTEXT",
                "sasl.mechanism",
                "PLAIN",
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required "
                    + "username=\"plain-admin\" password=\"plain-admin-secret\";"));
    k.admin
        .alterUserScramCredentials(
            List.of(
                new UserScramCredentialUpsertion(
                    SCRAM_USER,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096),
                    password)))
        .all()
        .get();
    return k;
  }

  static Map<String, String> scramProperties(String password) {
    return Map.of(
        "security.protocol",
        "SASL_PLAINTEXT",
        "sasl.mechanism",
        "SCRAM-SHA-256",
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + SCRAM_USER
            + "\" password=\""
            + password
            + "\";");
  }

  private static TestKafka start(
      TestKitNodes.Builder nodes, Map<String, String> brokerProps, Map<String, Object> clientAuth)
      throws Exception {
    KafkaClusterTestKit.Builder b =
        new KafkaClusterTestKit.Builder(
                nodes
                    .setClusterId(Uuid.randomUuid().toString())
                    .setCombined(true)
                    .setNumControllerNodes(1)
                    .setNumBrokerNodes(1)
                    .build())
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0");
    brokerProps.forEach(b::setConfigProp);
    KafkaClusterTestKit kit = b.build();
    try {
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
      return new TestKafka(kit, clientAuth);
    } catch (Exception e) {
      kit.close(); // its threads are non-daemon: never leave one running
      throw e;
    }
  }

  Targets.Kafka target(String role) {
    return new Targets.Kafka(role, "apache-kafka", List.of(bootstrap), CredentialRef.none());
  }

  void createTopic(String name, int partitions) throws Exception {
    createTopics(List.of(name), partitions);
  }

  void createTopics(Collection<String> names, int partitions) throws Exception {
    List<NewTopic> topics = new ArrayList<>();
    for (String n : names) {
      topics.add(new NewTopic(n, partitions, (short) 1));
    }
    admin.createTopics(topics).all().get();
  }

  void addPartitions(String topic, int totalPartitions) throws Exception {
    admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(totalPartitions))).all().get();
  }

  /** Writes {@code count} records to {@code topic}'s {@code partition} and waits for the acks. */
  void produce(String topic, int partition, int count) throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      acks.add(producer().send(new ProducerRecord<>(topic, partition, null, "v" + i)));
    }
    producer().flush();
    for (Future<RecordMetadata> f : acks) {
      f.get();
    }
  }

  private synchronized KafkaProducer<String, String> producer() {
    if (producer == null) {
      Map<String, Object> cfg = new HashMap<>(clientAuth);
      cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      cfg.put(ProducerConfig.ACKS_CONFIG, "all");
      cfg.put(ProducerConfig.LINGER_MS_CONFIG, 0);
      // One batch in flight: right after createTopics a first send may meet NOT_LEADER_OR_FOLLOWER,
      // and with several batches in flight the idempotent producer was seen retrying one of them
      // with OUT_OF_ORDER_SEQUENCE_NUMBER until delivery.timeout.ms (LagKafkaIT, once in a full
      // run).
      cfg.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
      cfg.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
      cfg.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
      producer = new KafkaProducer<>(cfg);
    }
    return producer;
  }

  /**
   * ListOffsets requests served by all in-process brokers so far (the brokers share one metrics
   * registry per JVM).
   */
  static long listOffsetsRequestsServed() {
    long n = 0;
    for (var e : KafkaYammerMetrics.defaultRegistry().allMetrics().entrySet()) {
      String mbean = e.getKey().getMBeanName();
      if (mbean.contains("name=RequestsPerSec")
          && mbean.contains("request=ListOffsets")
          && e.getValue() instanceof com.yammer.metrics.core.Meter m) {
        n += m.count();
      }
    }
    return n;
  }

  /**
   * Waits until {@link #listOffsetsRequestsServed()} reaches {@code atLeast} (or {@code timeout}
   * passes), then a little longer so that an unexpected extra request would show, and returns it.
   */
  static long awaitListOffsetsRequestsServed(long atLeast, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (listOffsetsRequestsServed() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Thread.sleep(200);
    return listOffsetsRequestsServed();
  }

  @Override
  public void close() throws Exception {
    try {
      if (producer != null) {
        producer.close();
      }
      admin.close();
    } finally {
      kit.close();
    }
  }
}
