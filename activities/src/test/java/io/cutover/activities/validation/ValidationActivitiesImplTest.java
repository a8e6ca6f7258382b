package io.cutover.activities.validation;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.activities.clusterlink.ClusterLinkOptions;
import io.cutover.activities.credentials.CredentialResolver;
import io.cutover.activities.credentials.KafkaCredentials;
import io.cutover.activities.credentials.RestCredentials;
import io.cutover.activities.gateway.GatewayMock;
import io.cutover.activities.offsets.OffsetSweepException;
import io.cutover.workflow.model.*;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** VALIDATE against a REST v3 stand-in, the fabric8 mock API and a scripted offset reader. */
class ValidationActivitiesImplTest {
  static GatewayMock kube;
  static final String SWITCHOVER = GatewayMock.resource("gateway-switchover.yaml");
  MockWebServer rest;
  String namespace;
  volatile String linkState = "ACTIVE";
  volatile String mirrors;
  volatile String configs;
  volatile int restStatus = 200;
  final AtomicReference<OffsetSweepException> offsetFailure = new AtomicReference<>();

  /** The source's topics, as the TopicNames the activity is given lists them. */
  volatile java.util.Set<String> sourceTopics = java.util.Set.of("orders", "payments");

  @BeforeAll
  static void startKube() {
    kube = new GatewayMock();
  }

  @AfterAll
  static void stopKube() {
    kube.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    namespace = kube.newNamespace();
    kube.install(namespace);
    kube.createSecrets(
        namespace, List.of("plain-jaas", "tls", "file-store-config", "file-store-credentials"));
    mirrors = mirror("orders", "ACTIVE") + "," + mirror("payments", "ACTIVE");
    configs =
        config("consumer.offset.sync.enable", "true")
            + ","
            + config("consumer.offset.group.filters", "{}")
            + ","
            + config("link.mode", "DESTINATION");
    rest = new MockWebServer();
    rest.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            if (restStatus != 200) {
              return new MockResponse()
                  .setResponseCode(restStatus)
                  .setBody("{\"error_code\":" + restStatus + "0,\"message\":\"x\"}");
            }
            String p = r.getPath().replaceAll("\\?.*", "");
            String base = "/kafka/v3/clusters/lkc-1/links/l1";
            String body =
                p.equals(base)
                    ? "{\"link_name\":\"l1\",\"cluster_link_id\":\"id\",\"link_state\":\""
                        + linkState
                        + "\",\"link_error\":\"NO_ERROR\",\"topic_names\":[],\"tasks\":[]}"
                    : p.equals(base + "/mirrors")
                        ? "{\"data\":[" + mirrors + "]}"
                        : p.equals(base + "/configs") ? "{\"data\":[" + configs + "]}" : null;
            return body == null
                ? new MockResponse()
                    .setResponseCode(404)
                    .setBody("{\"error_code\":404,\"message\":\"nf\"}")
                : new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
          }
        });
    rest.start();
  }

  static String mirror(String t, String status) {
    return "{\"link_name\":\"l1\",\"mirror_topic_name\":\""
        + t
        + "\",\"source_topic_name\":\""
        + t
        + "\",\"num_partitions\":1,\"mirror_lags\":[{\"partition\":0,\"lag\":0,\"last_source_fetch_offset\":5}],"
        + "\"mirror_status\":\""
        + status
        + "\",\"state_time_ms\":1}";
  }

  static String config(String name, String value) {
    return "{\"name\":\""
        + name
        + "\",\"value\":\""
        + value.replace("\"", "\\\"")
        + "\",\"is_sensitive\":false}";
  }

  volatile boolean lastAttempt;

  private ValidationActivitiesImpl activities() {
    CredentialResolver creds =
        new CredentialResolver() {
          @Override
          public KafkaCredentials kafka(CredentialRef ref, String role) {
            return KafkaCredentials.plaintext();
          }

          @Override
          public RestCredentials rest(CredentialRef ref) {
            return RestCredentials.basic("key", "secret");
          }
        };
    return new ValidationActivitiesImpl(
        creds,
        (kubeconfig, context) -> kube.client,
        (cluster, topics) -> {
          if (offsetFailure.get() != null) {
            throw offsetFailure.get();
          }
          return Map.of(new TopicPartition(topics.get(0), 0), 5L);
        },
        cluster -> {
          assertEquals("source", cluster.role());
          return sourceTopics;
        },
        new ClusterLinkOptions(
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            Duration.ofMillis(50),
            Duration.ofMillis(50)),
        d -> {},
        () -> lastAttempt);
  }

  private MigrationPlan plan(List<String> topics, Policies policies) {
    return plan(topics, policies, List.of());
  }

  private MigrationPlan plan(List<String> topics, Policies policies, List<String> patterns) {
    return new MigrationPlan(
        "orders",
        new SourceCluster("apache-kafka", List.of("src:9092"), CredentialRef.none()),
        new DestinationCluster(
            "confluent-cloud",
            "lkc-1",
            List.of("dst:9092"),
            rest.url("/").toString(),
            CredentialRef.none(),
            CredentialRef.none()),
        "l1",
        new GatewaySpec(
            namespace,
            GatewayMock.GATEWAY,
            "",
            "",
            SWITCHOVER.replace("namespace: confluent", "namespace: " + namespace),
            "switchover.yaml",
            List.of("migration-route"),
            ""),
        topics,
        policies,
        patterns);
  }

  @Test
  void topicPatternsSelectTheMirrorsTheyFullyMatchAndOneThatMatchesNoneIsAProblem() {
    mirrors =
        String.join(
            ",",
            mirror("orders.eu", "ACTIVE"),
            mirror("orders", "ACTIVE"),
            mirror("payments", "ACTIVE"),
            mirror("refunds", "ACTIVE"));
    sourceTopics = java.util.Set.of("orders.eu", "orders", "payments", "refunds");

    ValidationReport r =
        activities()
            .validatePlan(plan(List.of("refunds"), Policies.defaults(), List.of("orders\\..*")));
    ValidationReport typo =
        activities()
            .validatePlan(plan(List.of(), Policies.defaults(), List.of("orders\\..*", "paymnts")));

    assertEquals(List.of(), r.problems(), r.problemsText());
    assertEquals(
        io.cutover.workflow.model.TopicSet.link(
            List.of("orders.eu", "refunds"), List.of("orders\\..*", "\\Qrefunds\\E")),
        r.topics(),
        "full matches only (not \"orders\"), with the listed name, by reference");
    assertEquals(
        List.of(
            "topicPatterns: \"paymnts\" matches no mirror topic on cluster link \"l1\" (a pattern"
                + " must match a whole topic name, e.g. orders\\..* for orders.eu); fix the pattern,"
                + " or create the mirrors it is meant for"),
        typo.problems());
  }

  @Test
  void aSourceTopicAPatternMatchesWithoutAMirrorIsAProblem() {
    mirrors = String.join(",", mirror("orders.eu", "ACTIVE"), mirror("payments", "ACTIVE"));
    sourceTopics = java.util.Set.of("orders.eu", "orders.us", "orders", "payments");

    ValidationReport r =
        activities().validatePlan(plan(List.of(), Policies.defaults(), List.of("orders\\..*")));

    assertEquals(
        List.of(
            "topicPatterns: 1 source topic(s) match the plan's patterns but have no mirror on"
                + " cluster link \"l1\": orders.us; their clients would be switched to a destination"
                + " without them. Create their mirrors, or narrow the patterns so that they do not"
                + " match"),
        r.problems());
  }

  @Test
  void aHealthyPlanPassesWithTopicsSnapshotAndOnlyOffsetSyncConfigs() {
    ValidationReport r = activities().validatePlan(plan(List.of(), Policies.defaults()));
    assertEquals(List.of(), r.problems(), r.problemsText());
    assertEquals(
        io.cutover.workflow.model.TopicSet.link(List.of("orders", "payments")),
        r.topics(),
        "every mirror when the plan lists none, by reference: sorted names' count and digest, no names");
    assertNotNull(r.gateway());
    assertTrue(r.gateway().routes().contains("migration-route"));
    assertEquals(
        Map.of("consumer.offset.sync.enable", "true", "consumer.offset.group.filters", "{}"),
        r.offsetSyncConfigs(),
        "link.mode and other keys are not carried into history");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    linkState = "FAILED";
    mirrors = mirror("orders", "PAUSED");
    configs = config("consumer.offset.sync.enable", "false");
    var policies =
        Policies.defaults()
            .with(PolicyCatalog.PAUSE_CONSUMER_OFFSET_SYNC, true)
            .with(PolicyCatalog.APPROVAL_TIMEOUT, Duration.ofHours(1));
    kube.client.secrets().inNamespace(namespace).withName("plain-jaas").delete();

    ValidationReport r = activities().validatePlan(plan(List.of("orders", "ghost"), policies));

    String all = String.join("\n", r.problems());
    assertTrue(all.contains("cluster link \"l1\" is FAILED"), all);
    assertTrue(all.contains("not mirror topics on cluster link \"l1\": ghost"), all);
    assertTrue(all.contains("orders (status: PAUSED)"), all);
    assertTrue(all.contains("consumer.offset.sync.enable=\"false\""), all);
    assertTrue(all.contains("plain-jaas"), "the missing Secret is found too: " + all);
    assertTrue(r.problems().size() >= 5, all);
  }

  @Test
  void unreachableOrUnauthorizedClustersAreProblemsNamingTheRole() {
    offsetFailure.set(
        new OffsetSweepException(
            OffsetSweepException.Kind.UNAUTHORIZED, "SASL authentication failed"));
    ValidationReport r = activities().validatePlan(plan(List.of(), Policies.defaults()));
    assertTrue(
        r.problems().stream()
            .anyMatch(p -> p.startsWith("source cluster: SASL authentication failed")),
        r.problemsText());
    assertTrue(
        r.problems().stream().anyMatch(p -> p.startsWith("destination cluster:")),
        r.problemsText());
  }

  @Test
  void transientRestFailuresFailTheActivitySoTemporalRetriesIt() {
    restStatus = 503;
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () -> activities().validatePlan(plan(List.of(), Policies.defaults())));
    assertEquals("Transient", f.getType());
    assertFalse(f.isNonRetryable());
  }

  @Test
  void onTheLastAttemptAnUnreachableApiIsReportedWithTheOtherProblems() {
    restStatus = 503;
    lastAttempt = true;
    kube.client.secrets().inNamespace(namespace).withName("tls").delete();
    ValidationReport r = activities().validatePlan(plan(List.of(), Policies.defaults()));
    assertTrue(r.problemsText().contains("cluster link:"), r.problemsText());
    assertTrue(
        r.problemsText().contains("tls"), "the gateway was still checked: " + r.problemsText());
  }

  @Test
  void aLongTopicListPassesWithAWarningToNameNoTopicsOrSplitTheGroup() {
    List<String> many =
        java.util.stream.IntStream.rangeClosed(0, ValidationActivitiesImpl.LISTED_TOPICS_WARNED)
            .mapToObj(i -> "t" + i)
            .toList();
    mirrors = String.join(",", many.stream().map(t -> mirror(t, "ACTIVE")).toList());

    ValidationReport listed = activities().validatePlan(plan(many, Policies.defaults()));
    ValidationReport everyMirror = activities().validatePlan(plan(List.of(), Policies.defaults()));

    assertTrue(listed.passed(), listed.problemsText());
    assertEquals(
        1,
        listed.warnings().stream()
            .filter(w -> w.startsWith("spec.topics lists 2001 topics"))
            .count(),
        listed.warnings().toString());
    assertTrue(
        listed.warnings().stream().anyMatch(w -> w.contains("name no topics")),
        listed.warnings().toString());
    assertTrue(
        everyMirror.warnings().stream().noneMatch(w -> w.startsWith("spec.topics")),
        "no list, no warning");
    assertEquals(2001, everyMirror.topicCount());
  }

  @Test
  void wrongRestCredentialsAreAProblemNotARetry() {
    restStatus = 401;
    ValidationReport r = activities().validatePlan(plan(List.of(), Policies.defaults()));
    assertFalse(r.passed());
    assertTrue(r.problemsText().toLowerCase(Locale.ROOT).contains("api key"), r.problemsText());
  }

  @Test
  void aPlanCarryingACredentialIsRefusedBeforeAnySystemIsContactedAndNothingIsQuoted() {
    String sentinel = "Validate-Sentinel-2c9d";
    MigrationPlan good = plan(List.of(), Policies.defaults());
    DestinationCluster d = good.destination();
    MigrationPlan bad =
        new MigrationPlan(
            good.name(),
            good.source(),
            new DestinationCluster(
                d.type(),
                d.clusterId(),
                List.of("key:" + sentinel + "@dst:9092"),
                rest.url("/").toString().replace("://", "://key:" + sentinel + "@"),
                d.kafkaCredentials(),
                d.restCredentials()),
            good.linkName(),
            good.gateway(),
            good.topics(),
            good.policies());

    ValidationReport r = activities().validatePlan(bad);

    assertFalse(r.passed());
    assertTrue(
        r.problemsText().contains("spec.target.kafka.restEndpoint: holds user info"),
        r.problemsText());
    assertTrue(
        r.problemsText().contains("spec.target.kafka.bootstrapServers[0]: holds user info"),
        r.problemsText());
    assertFalse(
        r.problemsText().contains(sentinel) || r.summary().contains(sentinel), r.problemsText());
    assertNull(r.gateway());
    assertEquals(0, rest.getRequestCount(), "the REST API was not called with the credential");
  }

  @Test
  void invalidPoliciesAreProblemsNamingTheField() {
    var bad =
        Policies.defaults()
            .with(PolicyCatalog.LAG_THRESHOLD, -1L)
            .with(PolicyCatalog.DETECT_UNROUTED_PRODUCERS_DURATION, Duration.ofSeconds(5))
            .with(PolicyCatalog.APPROVAL_TIMEOUT, Duration.ofHours(1));
    ValidationReport r = activities().validatePlan(plan(List.of(), bad));
    assertTrue(r.problemsText().contains("policies.lagThreshold"), r.problemsText());
    assertTrue(
        r.problemsText().contains("policies.detectUnroutedProducersDuration"), r.problemsText());
  }
}
