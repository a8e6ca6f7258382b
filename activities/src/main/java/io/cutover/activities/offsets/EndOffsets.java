package io.cutover.activities.offsets;

import io.cutover.activities.offsets.OffsetSweepException.Kind;
import io.cutover.activities.support.Sleeper;
import io.cutover.workflow.activity.Targets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.LeaderNotAvailableException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.ReplicaNotAvailableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Latest offsets with the Admin client. A sweep describes all topics in one call (to learn their
 * partitions), then asks for every partition's latest offset in one {@code listOffsets} call; the
 * Admin groups the partitions by leader, so that is one ListOffsets request per broker.
 *
 * <p>Stale metadata (a leader moved, a topic just created) is retried once after 500 ms, for the
 * affected topics or partitions only; anything still failing fails the sweep.
 */
public final class EndOffsets implements OffsetReader, TopicNames {
  private static final Logger log = LoggerFactory.getLogger(EndOffsets.class);

  static final Duration STALE_METADATA_BACKOFF = Duration.ofMillis(500);

  private final KafkaAdmins admins;
  private final Sleeper sleeper;

  public EndOffsets(KafkaAdmins admins) {
    this(admins, Sleeper.REAL);
  }

  public EndOffsets(KafkaAdmins admins, Sleeper sleeper) {
    this.admins = admins;
    this.sleeper = sleeper;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads only. An unknown topic fails with {@link Kind#NOT_FOUND} naming the topic and the
   * cluster role; authentication or ACL problems with {@link Kind#UNAUTHORIZED}.
   */
  @Override
  public Map<TopicPartition, Long> latestOffsets(Targets.Kafka cluster, List<String> topics) {
    if (topics.isEmpty()) {
      return Map.of();
    }
    try {
      return sweep(cluster, topics);
    } catch (OffsetSweepException e) {
      if (e.kind() == Kind.UNAUTHORIZED) {
        admins.evict(
            cluster); // a fixed secret takes effect on the next attempt, without a worker restart
      }
      throw e;
    }
  }

  /** {@inheritDoc} Authentication or ACL problems fail with {@link Kind#UNAUTHORIZED}. */
  @Override
  public Set<String> topicNames(Targets.Kafka cluster) {
    try {
      return new TreeSet<>(admins.admin(cluster).listTopics().names().get());
    } catch (ExecutionException e) {
      throw classify(cluster, e.getCause(), "listing topics");
    } catch (InterruptedException e) {
      throw interrupted(cluster);
    }
  }

  private Map<TopicPartition, Long> sweep(Targets.Kafka cluster, List<String> topics) {
    Admin admin = admins.admin(cluster);
    Map<String, TopicDescription> described = describe(admin, cluster, new LinkedHashSet<>(topics));
    List<TopicPartition> partitions = new ArrayList<>();
    for (TopicDescription d : described.values()) {
      for (TopicPartitionInfo p : d.partitions()) {
        partitions.add(new TopicPartition(d.name(), p.partition()));
      }
    }
    Map<TopicPartition, Long> offsets = new HashMap<>();
    Map<TopicPartition, Throwable> failed = list(admin, cluster, partitions, offsets);
    if (!failed.isEmpty() && failed.values().stream().allMatch(EndOffsets::staleMetadata)) {
      log.info(
          "{} partition(s) on the {} cluster hit stale metadata; retrying once in {} ms",
          failed.size(),
          cluster.role(),
          STALE_METADATA_BACKOFF.toMillis());
      pause();
      failed = list(admin, cluster, new ArrayList<>(failed.keySet()), offsets);
    }
    if (!failed.isEmpty()) {
      throw partitionFailure(cluster, failed);
    }
    return offsets;
  }

  private Map<String, TopicDescription> describe(
      Admin admin, Targets.Kafka cluster, Set<String> topics) {
    Map<String, TopicDescription> found = new TreeMap<>();
    Map<String, Throwable> failed = describeInto(admin, cluster, topics, found);
    if (!failed.isEmpty() && failed.values().stream().allMatch(EndOffsets::staleMetadata)) {
      // A topic created a moment ago may not have reached every broker's metadata yet.
      pause();
      failed = describeInto(admin, cluster, failed.keySet(), found);
    }
    if (failed.isEmpty()) {
      return found;
    }
    Set<String> unknown = new TreeSet<>();
    failed.forEach(
        (t, e) -> {
          if (e instanceof UnknownTopicOrPartitionException || e instanceof InvalidTopicException) {
            unknown.add(t);
          }
        });
    if (!unknown.isEmpty()) {
      throw new OffsetSweepException(Kind.NOT_FOUND, unknownTopicMessage(cluster, unknown));
    }
    var first = failed.entrySet().iterator().next();
    throw classify(
        cluster,
        first.getValue(),
        "describing " + failed.size() + " topic(s) (first \"" + first.getKey() + "\")");
  }

  private Map<String, Throwable> describeInto(
      Admin admin, Targets.Kafka cluster, Set<String> topics, Map<String, TopicDescription> into) {
    Map<String, KafkaFuture<TopicDescription>> futures =
        admin
            .describeTopics(TopicCollection.ofTopicNames(topics), new DescribeTopicsOptions())
            .topicNameValues();
    Map<String, Throwable> failed = new TreeMap<>();
    for (var e : futures.entrySet()) {
      try {
        into.put(e.getKey(), e.getValue().get());
      } catch (ExecutionException ex) {
        failed.put(e.getKey(), ex.getCause());
      } catch (InterruptedException ex) {
        throw interrupted(cluster);
      }
    }
    return failed;
  }

  /** One listOffsets call for {@code partitions}; fills {@code into}, returns the failures. */
  private Map<TopicPartition, Throwable> list(
      Admin admin,
      Targets.Kafka cluster,
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> into) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (TopicPartition tp : partitions) {
      request.put(tp, OffsetSpec.latest());
    }
    var result = admin.listOffsets(request, new ListOffsetsOptions());
    Map<TopicPartition, Throwable> failed = new TreeMap<>(EndOffsets::compare);
    for (TopicPartition tp : partitions) {
      try {
        into.put(tp, result.partitionResult(tp).get().offset());
      } catch (ExecutionException ex) {
        failed.put(tp, ex.getCause());
      } catch (InterruptedException ex) {
        throw interrupted(cluster);
      }
    }
    return failed;
  }

  private void pause() {
    try {
      sleeper.sleep(STALE_METADATA_BACKOFF);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OffsetSweepException(
          Kind.TRANSIENT, "interrupted while waiting to retry an offset sweep");
    }
  }

  static boolean staleMetadata(Throwable t) {
    return t instanceof NotLeaderOrFollowerException
        || t instanceof LeaderNotAvailableException
        || t instanceof UnknownTopicOrPartitionException
        || t instanceof ReplicaNotAvailableException;
  }

  private OffsetSweepException partitionFailure(
      Targets.Kafka cluster, Map<TopicPartition, Throwable> failed) {
    if (failed.values().stream().allMatch(e -> e instanceof UnknownTopicOrPartitionException)) {
      // Described a moment ago, unknown now: deleted during the sweep.
      Set<String> unknown = new TreeSet<>();
      failed.keySet().forEach(tp -> unknown.add(tp.topic()));
      return new OffsetSweepException(Kind.NOT_FOUND, unknownTopicMessage(cluster, unknown));
    }
    var first = failed.entrySet().iterator().next();
    for (Throwable e : failed.values()) {
      if (e instanceof AuthenticationException || e instanceof AuthorizationException) {
        return classify(cluster, e, "reading end offsets");
      }
    }
    return new OffsetSweepException(
        Kind.TRANSIENT,
        "offset fetch failed for "
            + failed.size()
            + " partition(s) on the "
            + cluster.role()
            + " cluster ("
            + bootstrap(cluster)
            + ") after a metadata retry,"
            + " first "
            + first.getKey()
            + ": "
            + admins.redact(KafkaAdmins.rootMessage(first.getValue()))
            + ". Check the partitions' leaders and broker health; the next sweep retries");
  }

  /** Turns a client exception into a worded, redacted sweep failure. */
  OffsetSweepException classify(Targets.Kafka cluster, Throwable e, String doing) {
    String why = admins.redact(KafkaAdmins.rootMessage(e));
    String where = "the " + cluster.role() + " cluster (" + bootstrap(cluster) + ")";
    if (e instanceof AuthenticationException) {
      return new OffsetSweepException(
          Kind.UNAUTHORIZED,
          "authentication to "
              + where
              + " failed while "
              + doing
              + ": "
              + why
              + ". Fix the credentials referenced by "
              + cluster.credentials());
    }
    if (e instanceof AuthorizationException) {
      return new OffsetSweepException(
          Kind.UNAUTHORIZED,
          "not authorized on "
              + where
              + " while "
              + doing
              + ": "
              + why
              + ". Grant the principal of "
              + cluster.credentials()
              + " DESCRIBE on the topics (and the cluster)");
    }
    return new OffsetSweepException(
        Kind.TRANSIENT,
        doing
            + " on "
            + where
            + " failed: "
            + why
            + ". Check that the brokers are reachable; the next sweep retries");
  }

  private static String unknownTopicMessage(Targets.Kafka cluster, Set<String> topics) {
    String names = String.join("\", \"", topics);
    String fix =
        "destination".equals(cluster.role())
            ? "create the mirror topic(s) on the cluster link, or remove them from the plan's topics"
            : "fix the plan's topic list or create the topic(s)";
    return (topics.size() == 1 ? "topic \"" : "topics \"")
        + names
        + "\" "
        + (topics.size() == 1 ? "does" : "do")
        + " not exist on the "
        + cluster.role()
        + " cluster ("
        + bootstrap(cluster)
        + "): "
        + fix;
  }

  private static OffsetSweepException interrupted(Targets.Kafka cluster) {
    Thread.currentThread().interrupt();
    return new OffsetSweepException(
        Kind.TRANSIENT,
        "interrupted while reading end offsets from the " + cluster.role() + " cluster");
  }

  private static String bootstrap(Targets.Kafka cluster) {
    return String.join(",", cluster.bootstrapServers());
  }

  private static int compare(TopicPartition a, TopicPartition b) {
    int c = a.topic().compareTo(b.topic());
    return c != 0 ? c : Integer.compare(a.partition(), b.partition());
  }
}
