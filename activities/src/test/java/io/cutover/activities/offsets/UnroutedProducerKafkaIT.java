package io.cutover.activities.offsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.credentials.CredentialResolver;
import io.cutover.activities.credentials.KafkaCredentials;
import io.cutover.activities.credentials.RestCredentials;
import io.cutover.activities.support.Heartbeat;
import io.cutover.activities.support.Sleeper;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.activity.OffsetActivities;
import io.cutover.workflow.activity.OffsetActivities.DetectRequest;
import io.cutover.workflow.activity.OffsetActivities.UnroutedProducerReport;
import io.cutover.workflow.model.CredentialRef;
import io.cutover.workflow.model.TopicSet;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Unrouted-producer detection against a real cluster, plus a SASL cluster with SCRAM-SHA-256 to
 * check that an Admin built from SCRAM client properties works and that a bad password fails
 * non-retryably without leaking.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnroutedProducerKafkaIT {
  private static final Duration POLL = Duration.ofMillis(50);
  private static final String SCRAM_PASSWORD = "scram-Pa55-word";

  private TestKafka kafka;
  private TestKafka sasl;
  private String jaasPropertyBefore;
  private OffsetActivitiesImpl impl;

  @BeforeAll
  void startClusters() throws Exception {
    jaasPropertyBefore = System.getProperty("java.security.auth.login.config");
    kafka = TestKafka.plaintext();
    try {
      sasl = TestKafka.scram(SCRAM_PASSWORD);
    } catch (Exception e) {
      kafka.close();
      throw e;
    }
    impl = new OffsetActivitiesImpl(new KafkaAdmins(TestKafka.PLAINTEXT), POLL, Heartbeat.NONE);
  }

  @AfterAll
  void stopClusters() throws Exception {
    try {
      impl.close();
      kafka.close();
    } finally {
      sasl.close();
      // The test kit points the JVM-wide JAAS property at its file; do not leak it to other
      // classes.
      if (jaasPropertyBefore == null) {
        System.clearProperty("java.security.auth.login.config");
      } else {
        System.setProperty("java.security.auth.login.config", jaasPropertyBefore);
      }
    }
  }

  /** Runs {@code during} once, on the first wait of the window, then sleeps as asked. */
  private static Sleeper during(ThrowingRunnable during) {
    AtomicBoolean done = new AtomicBoolean();
    return d -> {
      if (done.compareAndSet(false, true)) {
        try {
          during.run();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      Thread.sleep(d.toMillis());
    };
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  private OffsetActivitiesImpl withSleeper(Sleeper sleeper) {
    KafkaAdmins admins = new KafkaAdmins(TestKafka.PLAINTEXT);
    return new OffsetActivitiesImpl(
        new EndOffsets(admins), admins, POLL, Clock.systemUTC(), sleeper, Heartbeat.NONE);
  }

  private DetectRequest detect(List<String> topics, Duration window) {
    return new DetectRequest(kafka.target("source"), null, TopicSet.listed(topics), window);
  }

  @Test
  void stableSourceOffsetsGiveACleanReport() throws Exception {
    kafka.createTopic("quiet", 2);
    kafka.produce("quiet", 0, 3);

    UnroutedProducerReport r =
        impl.detectUnroutedProducers(detect(List.of("quiet"), Duration.ofMillis(300)));

    assertTrue(r.clean(), r.violations().toString());
    assertTrue(
        Duration.between(r.from(), r.to()).compareTo(Duration.ofMillis(300)) >= 0,
        "the window lasted at least 300 ms: " + r.from() + " .. " + r.to());
  }

  @Test
  void aProducerWritingDuringTheWindowIsReportedOnItsPartition() throws Exception {
    kafka.createTopic("rogue", 3);
    kafka.produce("rogue", 0, 2);
    kafka.produce("rogue", 1, 5);
    var detector = withSleeper(during(() -> kafka.produce("rogue", 1, 10)));

    UnroutedProducerReport r =
        detector.detectUnroutedProducers(detect(List.of("rogue"), Duration.ofMillis(200)));

    assertEquals(1, r.violations().size(), r.violations().toString());
    String line = r.violations().get(0);
    assertTrue(
        line.matches("topic rogue partition 1: offset 5 -> 15 \\(\\+10, ~[0-9]+\\.[0-9] msg/s\\)"),
        line);
    detector.close();
  }

  @Test
  void aPartitionAddedDuringTheWindowCountsFromZero() throws Exception {
    kafka.createTopic("growing", 1);
    kafka.produce("growing", 0, 3);
    var detector =
        withSleeper(
            during(
                () -> {
                  kafka.addPartitions("growing", 3);
                  kafka.produce("growing", 2, 4); // partition 1 appears too, but stays empty
                }));

    UnroutedProducerReport r =
        detector.detectUnroutedProducers(detect(List.of("growing"), Duration.ofMillis(200)));

    assertEquals(1, r.violations().size(), r.violations().toString());
    assertTrue(
        r.violations().get(0).startsWith("topic growing partition 2: offset 0 -> 4 (+4, ~"),
        r.violations().get(0));
    detector.close();
  }

  @Test
  void anUnknownSourceTopicFailsDetectionAsNotFound() {
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () -> impl.detectUnroutedProducers(detect(List.of("ghost"), Duration.ofMillis(100))));

    assertEquals(FailureTypes.NOT_FOUND, f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(
        f.getOriginalMessage().contains("\"ghost\"") && f.getOriginalMessage().contains("source"),
        f.getOriginalMessage());
  }

  @Test
  void cancellingTheActivityEndsTheWindowEarly() throws Exception {
    kafka.createTopic("cancelled", 1);
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    var viaTemporal =
        new OffsetActivitiesImpl(new KafkaAdmins(TestKafka.PLAINTEXT), POLL, Heartbeat.TEMPORAL);
    try {
      env.registerActivitiesImplementations(viaTemporal);
      OffsetActivities stub =
          env.newActivityStub(
              OffsetActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(5))
                  // Heartbeats are throttled to 0.8 x this timeout, and a cancel is only seen on a
                  // sent one.
                  .setHeartbeatTimeout(Duration.ofSeconds(2))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build());
      long start = System.nanoTime();
      CompletableFuture<Void> cancel =
          CompletableFuture.runAsync(
              env::requestCancelActivity,
              CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));

      assertThrows(
          CanceledFailure.class,
          () -> stub.detectUnroutedProducers(detect(List.of("cancelled"), Duration.ofMinutes(2))));

      cancel.join();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(
          took.compareTo(Duration.ofSeconds(15)) < 0,
          "stopped well before the 2 min window: " + took);
    } finally {
      env.close();
      viaTemporal.close();
    }
  }

  /**
   * A resolver handing out the given properties for every reference, as the real one would for
   * SCRAM.
   */
  private static CredentialResolver resolverWith(Map<String, String> props) {
    return new CredentialResolver() {
      @Override
      public KafkaCredentials kafka(CredentialRef ref, String role) {
        return new KafkaCredentials("sasl_scram", props);
      }

      @Override
      public RestCredentials rest(CredentialRef ref) {
        return RestCredentials.none();
      }
    };
  }

  @Test
  void anAdminBuiltFromScramPropertiesReadsOffsetsOnAScramCluster() throws Exception {
    sasl.createTopic("secured", 2);
    sasl.produce("secured", 1, 6);
    try (KafkaAdmins admins =
        new KafkaAdmins(resolverWith(TestKafka.scramProperties(SCRAM_PASSWORD)))) {
      var offsets = new EndOffsets(admins).latestOffsets(sasl.target("source"), List.of("secured"));

      assertEquals(6L, offsets.get(new org.apache.kafka.common.TopicPartition("secured", 1)));
      assertEquals(0L, offsets.get(new org.apache.kafka.common.TopicPartition("secured", 0)));
    }
  }

  @Test
  void aWrongScramPasswordFailsUnauthorizedWithoutShowingThePassword() throws Exception {
    sasl.createTopic("secured-2", 1);
    String wrong = "wrong-Pa55-word-123";
    var withBadPassword =
        new OffsetActivitiesImpl(
            new KafkaAdmins(resolverWith(TestKafka.scramProperties(wrong))), POLL, Heartbeat.NONE);
    try {
      ApplicationFailure f =
          assertThrows(
              ApplicationFailure.class,
              () ->
                  withBadPassword.detectUnroutedProducers(
                      new DetectRequest(
                          sasl.target("source"),
                          null,
                          TopicSet.listed(List.of("secured-2")),
                          Duration.ofMillis(100))));

      assertEquals(FailureTypes.UNAUTHORIZED, f.getType());
      assertTrue(f.isNonRetryable());
      assertTrue(
          f.getOriginalMessage().contains("authentication to the source cluster"),
          f.getOriginalMessage());
      assertFalse(f.getOriginalMessage().contains(wrong), f.getOriginalMessage());
      assertFalse(f.getOriginalMessage().contains("jaas"), f.getOriginalMessage());
    } finally {
      withBadPassword.close();
    }
  }

  @Test
  void aSecretFixedAfterAnAuthenticationFailureWorksOnTheNextAttemptWithoutARestart()
      throws Exception {
    sasl.createTopic("secured-3", 1);
    var password = new java.util.concurrent.atomic.AtomicReference<>("not-the-password");
    CredentialResolver rotating =
        new CredentialResolver() {
          @Override
          public KafkaCredentials kafka(CredentialRef ref, String role) {
            return new KafkaCredentials("sasl_scram", TestKafka.scramProperties(password.get()));
          }

          @Override
          public RestCredentials rest(CredentialRef ref) {
            return RestCredentials.none();
          }
        };
    try (KafkaAdmins admins = new KafkaAdmins(rotating)) {
      EndOffsets offsets = new EndOffsets(admins);
      OffsetSweepException first =
          assertThrows(
              OffsetSweepException.class,
              () -> offsets.latestOffsets(sasl.target("source"), List.of("secured-3")));

      password.set(SCRAM_PASSWORD); // the operator fixes the secret
      var second = offsets.latestOffsets(sasl.target("source"), List.of("secured-3"));

      assertEquals(OffsetSweepException.Kind.UNAUTHORIZED, first.kind());
      assertEquals(Map.of(new org.apache.kafka.common.TopicPartition("secured-3", 0), 0L), second);
    }
  }
}
