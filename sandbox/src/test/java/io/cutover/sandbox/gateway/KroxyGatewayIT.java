package io.cutover.sandbox.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.sandbox.kafka.KafkaClusters;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.BrokerNotAvailableException;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The gateway against two real KRaft clusters (one pair for the class) with real Java clients: the
 * round trip, the fence with retriable and non-retriable errors, the counters, and re-targeting.
 * Each test leaves the shared gateway unfenced and pointed at the source.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KroxyGatewayIT {
  private KafkaClusters clusters;
  private KroxyGateway gateway;

  @BeforeAll
  void start() {
    clusters = KafkaClusters.start();
    clusters.createTopics(
        List.of("roundtrip", "fence-nlf", "fence-bna", "fence-fetch", "acks0", "only-produce"), 1);
    clusters.createTopics(List.of("moves"), 1);
    TestClients.createTopic(clusters.destinationBootstrap(), "moves", 1);
    gateway = KroxyGateway.start(clusters.sourceBootstrap(), 0);
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (clusters != null) {
      clusters.close();
    }
  }

  @AfterEach
  void reset() {
    gateway.unfence();
    gateway.resetFenceCounters();
    if (!gateway.upstream().equals(clusters.sourceBootstrap())) {
      gateway.route(clusters.sourceBootstrap());
    }
  }

  @Test
  void producedRecordsComeBackThroughTheProxyFromTheSourceCluster() throws Exception {
    try (KafkaProducer<String, String> p = TestClients.producer(gateway.bootstrap())) {
      for (int i = 0; i < 100; i++) {
        p.send(new ProducerRecord<>("roundtrip", "k" + i, "v" + i));
      }
      p.flush();
    }
    List<String> got =
        TestClients.readAll(gateway.bootstrap(), "roundtrip", 100, Duration.ofSeconds(20));
    assertEquals(
        IntStream.range(0, 100).mapToObj(i -> "v" + i).sorted().toList(),
        got.stream().sorted().toList());
    assertEquals(clusters.sourceClusterId(), TestClients.clusterId(gateway.bootstrap()));
    assertEquals(0, gateway.fencedRequestCount(), "nothing is fenced while the fence is open");
  }

  @Test
  void idempotentProducerLosesNothingAcrossANotLeaderOrFollowerFence() throws Exception {
    try (KafkaProducer<String, String> p = TestClients.producer(gateway.bootstrap())) {
      p.send(new ProducerRecord<>("fence-nlf", "warm")).get(15, TimeUnit.SECONDS);
      gateway.fence(Errors.NOT_LEADER_OR_FOLLOWER);
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        sent.add(p.send(new ProducerRecord<>("fence-nlf", "r" + i)));
        Thread.sleep(20);
      }
      Thread.sleep(1000);
      assertTrue(
          sent.stream().noneMatch(Future::isDone),
          "no record may be acknowledged (or failed) while fenced");
      assertTrue(
          gateway.fencedRequestCounts().getOrDefault(ApiKeys.PRODUCE, 0L) > 0,
          gateway.fencedRequestCounts().toString());
      gateway.unfence();
      for (Future<RecordMetadata> f : sent) {
        f.get(30, TimeUnit.SECONDS); // throws if any record failed
      }
    }
    List<String> log =
        TestClients.readAll(clusters.sourceBootstrap(), "fence-nlf", 51, Duration.ofSeconds(20));
    assertEquals(51, log.size(), "every acknowledged record is in the log exactly once");
    assertEquals(51, new HashSet<>(log).size());
  }

  @Test
  void brokerNotAvailableFenceFailsJavaProducerSendsAtOnce() throws Exception {
    // measured here, docs/sandbox.md: BrokerNotAvailableException is not retriable in the Java
    // producer, so
    // every batch produced during such a fence fails; this is what the docs must warn about.
    try (KafkaProducer<String, String> p = TestClients.producer(gateway.bootstrap())) {
      p.send(new ProducerRecord<>("fence-bna", "warm")).get(15, TimeUnit.SECONDS);
      gateway.fence(Errors.BROKER_NOT_AVAILABLE);
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        sent.add(p.send(new ProducerRecord<>("fence-bna", "lost" + i)));
      }
      for (Future<RecordMetadata> f : sent) {
        ExecutionException e =
            assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertInstanceOf(BrokerNotAvailableException.class, e.getCause());
      }
      gateway.unfence();
      p.send(new ProducerRecord<>("fence-bna", "after")).get(15, TimeUnit.SECONDS);
    }
    List<String> log =
        TestClients.readAll(clusters.sourceBootstrap(), "fence-bna", 2, Duration.ofSeconds(20));
    assertEquals(
        List.of("warm", "after"), log, "the records that failed during the fence were not written");
  }

  @Test
  void fencedConsumerGetsNothingThrowsNothingAndResumesAfterUnfence() throws Exception {
    try (KafkaConsumer<String, String> c = TestClients.consumer(gateway.bootstrap());
        KafkaProducer<String, String> direct = TestClients.producer(clusters.sourceBootstrap())) {
      c.subscribe(List.of("fence-fetch"));
      direct.send(new ProducerRecord<>("fence-fetch", "before")).get(15, TimeUnit.SECONDS);
      assertEquals(List.of("before"), pollUntil(c, 1, Duration.ofSeconds(20)));
      gateway.fence(Errors.NOT_LEADER_OR_FOLLOWER);
      // A fetch forwarded just before the fence may still answer; once one is fenced, all later
      // ones are.
      pollUntil(c, 1, Duration.ofMillis(600));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (gateway.fencedRequestCounts().getOrDefault(ApiKeys.FETCH, 0L) == 0
          && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(100));
      }
      direct.send(new ProducerRecord<>("fence-fetch", "during")).get(15, TimeUnit.SECONDS);
      assertEquals(
          List.of(),
          pollUntil(c, 1, Duration.ofSeconds(2)),
          "fenced fetches must not deliver records");
      assertTrue(
          gateway.fencedRequestCounts().getOrDefault(ApiKeys.FETCH, 0L) > 0,
          gateway.fencedRequestCounts().toString());
      gateway.unfence();
      assertEquals(List.of("during"), pollUntil(c, 1, Duration.ofSeconds(20)));
    }
  }

  @Test
  void fencedRequestsAreCountedPerApiKeyAndCanBeReset() throws Exception {
    try (KafkaProducer<String, String> p =
        TestClients.producer(
            gateway.bootstrap(), Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000))) {
      gateway.fence(Errors.LEADER_NOT_AVAILABLE);
      // A fresh producer needs metadata first, and metadata is fenced: send() blocks, then times
      // out.
      assertThrows(
          Exception.class,
          () -> p.send(new ProducerRecord<>("roundtrip", "x")).get(5, TimeUnit.SECONDS));
      Map<ApiKeys, Long> counts = gateway.fencedRequestCounts();
      assertTrue(counts.getOrDefault(ApiKeys.METADATA, 0L) > 0, counts.toString());
      assertEquals(
          counts.values().stream().mapToLong(Long::longValue).sum(), gateway.fencedRequestCount());
      assertTrue(gateway.fenced());
      assertEquals(Errors.LEADER_NOT_AVAILABLE, gateway.fenceError().orElseThrow());
    }
    gateway.resetFenceCounters();
    assertEquals(Map.of(), gateway.fencedRequestCounts());
  }

  @Test
  void customFenceSetLeavesUnlistedRequestTypesAlone() throws Exception {
    try (KafkaProducer<String, String> direct = TestClients.producer(clusters.sourceBootstrap())) {
      direct.send(new ProducerRecord<>("only-produce", "existing")).get(15, TimeUnit.SECONDS);
    }
    try (KroxyGateway produceOnly =
        KroxyGateway.start(clusters.sourceBootstrap(), 0, Set.of(ApiKeys.PRODUCE))) {
      assertEquals(Set.of(ApiKeys.PRODUCE), produceOnly.fencedApis());
      produceOnly.fence(Errors.NOT_LEADER_OR_FOLLOWER);
      assertEquals(
          List.of("existing"),
          TestClients.readAll(produceOnly.bootstrap(), "only-produce", 1, Duration.ofSeconds(20)),
          "fetch, metadata and group requests pass when only PRODUCE is fenced");
      try (KafkaProducer<String, String> p = TestClients.producer(produceOnly.bootstrap())) {
        Future<RecordMetadata> f = p.send(new ProducerRecord<>("only-produce", "held"));
        Thread.sleep(1000);
        assertFalse(f.isDone(), "produce is fenced");
        assertEquals(Set.of(ApiKeys.PRODUCE), produceOnly.fencedRequestCounts().keySet());
        produceOnly.unfence();
        f.get(30, TimeUnit.SECONDS);
      }
      assertEquals(
          0, gateway.fencedRequestCount(), "fences of two gateways in one JVM are independent");
    }
  }

  @Test
  void acksZeroRecordsAreDroppedWhileFencedAndTheConnectionStaysUsable() throws Exception {
    try (KafkaProducer<String, String> p =
        TestClients.producer(
            gateway.bootstrap(),
            Map.of(
                ProducerConfig.ACKS_CONFIG,
                "0",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                false))) {
      p.send(new ProducerRecord<>("acks0", "warm")).get(15, TimeUnit.SECONDS);
      // An acks=0 send completes once it is on the socket, before the proxy has read it: make sure
      // the warm-up record is stored before the fence closes.
      assertEquals(
          List.of("warm"),
          TestClients.readAll(clusters.sourceBootstrap(), "acks0", 1, Duration.ofSeconds(20)));
      gateway.fence(Errors.NOT_LEADER_OR_FOLLOWER);
      for (int i = 0; i < 5; i++) {
        p.send(new ProducerRecord<>("acks0", "dropped" + i)).get(15, TimeUnit.SECONDS);
      }
      // Likewise, wait until the proxy has judged every fenced record before opening the fence.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (gateway.fencedRequestCounts().getOrDefault(ApiKeys.PRODUCE, 0L) < 5
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(
          5L, gateway.fencedRequestCounts().get(ApiKeys.PRODUCE), "one produce request per record");
      gateway.unfence();
      p.send(new ProducerRecord<>("acks0", "after")).get(15, TimeUnit.SECONDS);
      p.flush();
    }
    List<String> log =
        TestClients.readAll(clusters.sourceBootstrap(), "acks0", 2, Duration.ofSeconds(20));
    assertEquals(List.of("warm", "after"), log);
  }

  @Test
  void routeMovesConnectedClientsToTheSecondClusterOnTheSameBootstrap() throws Exception {
    String bootstrap = gateway.bootstrap();
    try (KafkaProducer<String, String> p = TestClients.producer(bootstrap);
        KafkaConsumer<String, String> c = TestClients.consumer(bootstrap)) {
      c.subscribe(List.of("moves"));
      p.send(new ProducerRecord<>("moves", "on-source")).get(15, TimeUnit.SECONDS);
      assertEquals(List.of("on-source"), pollUntil(c, 1, Duration.ofSeconds(20)));

      Duration restart = gateway.route(clusters.destinationBootstrap());
      long t0 = System.nanoTime();
      p.send(new ProducerRecord<>("moves", "on-destination")).get(15, TimeUnit.SECONDS);
      List<String> consumed = pollUntil(c, 1, Duration.ofSeconds(20));
      long moved = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

      assertEquals(List.of("on-destination"), consumed, "the consumer now reads the destination");
      assertTrue(moved < 10_000, "clients moved in " + moved + " ms");
      assertTrue(restart.toMillis() < 5_000, "restart took " + restart.toMillis() + " ms");
      assertEquals(bootstrap, gateway.bootstrap());
      assertEquals(clusters.destinationBootstrap(), gateway.upstream());
      assertEquals(clusters.destinationClusterId(), TestClients.clusterId(bootstrap));
    }
    assertEquals(
        List.of("on-destination"),
        TestClients.readAll(clusters.destinationBootstrap(), "moves", 1, Duration.ofSeconds(20)));
    assertEquals(
        List.of("on-source"),
        TestClients.readAll(clusters.sourceBootstrap(), "moves", 1, Duration.ofSeconds(20)));
  }

  @Test
  void fenceStaysClosedAcrossARouteUntilUnfenced() throws Exception {
    gateway.fence(Errors.NOT_LEADER_OR_FOLLOWER);
    int before = gateway.restarts();
    gateway.route(clusters.destinationBootstrap());
    assertEquals(before + 1, gateway.restarts());
    assertTrue(gateway.fenced());
    try (KafkaProducer<String, String> p =
        TestClients.producer(
            gateway.bootstrap(), Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000))) {
      assertThrows(
          Exception.class,
          () -> p.send(new ProducerRecord<>("moves", "x")).get(5, TimeUnit.SECONDS),
          "the new upstream is fenced too: no metadata");
    }
    gateway.unfence();
    assertEquals(clusters.destinationClusterId(), TestClients.clusterId(gateway.bootstrap()));
  }

  @Test
  void startOnATakenPortFailsNamingThePorts() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = taken.getLocalPort();
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> KroxyGateway.start(clusters.sourceBootstrap(), port));
      assertTrue(
          e.getMessage().contains(port + ".." + (port + KroxyGateway.NODE_IDS)), e.getMessage());
    }
  }

  @Test
  void closeIsIdempotentReleasesThePortsAndRefusesReroutes() throws Exception {
    KroxyGateway g = KroxyGateway.start(clusters.sourceBootstrap(), 0);
    int port = g.port();
    g.close();
    g.close();
    for (int p = port; p <= port + KroxyGateway.NODE_IDS; p++) {
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress("127.0.0.1", p)); // throws if the proxy still held it
      }
    }
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> g.route(clusters.destinationBootstrap()));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }

  @Test
  void invalidArgumentsAreRejectedWithTheFix() {
    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class, () -> gateway.fence(Errors.NONE));
    assertTrue(none.getMessage().contains("NOT_LEADER_OR_FOLLOWER"), none.getMessage());
    assertFalse(gateway.fenced());
    assertThrows(
        IllegalArgumentException.class,
        () -> KroxyGateway.start(clusters.sourceBootstrap(), 0, Set.of(ApiKeys.API_VERSIONS)));
    assertThrows(IllegalArgumentException.class, () -> KroxyGateway.start("", 0));
    assertThrows(IllegalArgumentException.class, () -> gateway.route("not a bootstrap"));
    assertThrows(
        IllegalArgumentException.class,
        () -> KroxyGateway.start(clusters.sourceBootstrap(), 70000));
    assertEquals("localhost:9092", KroxyGateway.normalise("PLAINTEXT://localhost:9092"));
    assertEquals(
        clusters.sourceBootstrap(), gateway.upstream(), "a rejected route changes nothing");
  }

  private static List<String> pollUntil(KafkaConsumer<String, String> c, int n, Duration timeout) {
    List<String> out = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (out.size() < n && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) {
        out.add(r.value());
      }
    }
    return out;
  }
}
