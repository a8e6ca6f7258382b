package io.cutover.sandbox.link;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates a mirror's destination topic like its source topic, and small waiting helpers. */
final class TopicSetup {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private TopicSetup() {}

  /**
   * Creates {@code topic} on the destination with the source's partition count (replication 1) and
   * waits until every partition has a leader. An existing destination topic with the same count is
   * accepted (the copier resumes from its end offsets).
   *
   * @return the partition count
   * @throws LinkApiException 404 when the source topic does not exist
   * @throws IllegalStateException when the destination topic has another partition count
   */
  static int createLike(Admin source, Admin destination, String topic, String linkName)
      throws Exception {
    int partitions = describe(source, topic, "source", linkName).partitions().size();
    try {
      destination
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(Offsets.TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
    if (!poll(() -> leadersReady(destination, topic, partitions, linkName), READY_TIMEOUT)) {
      throw new IllegalStateException(
          "mirror topic \""
              + topic
              + "\" has no leaders on the destination after "
              + READY_TIMEOUT.toSeconds()
              + " s");
    }
    return partitions;
  }

  /** Polls every 20 ms; true if {@code condition} held within {@code timeout}. */
  static boolean poll(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  private static boolean leadersReady(
      Admin destination, String topic, int partitions, String linkName) {
    TopicDescription d;
    try {
      d = describe(destination, topic, "destination", linkName);
    } catch (Exception e) {
      return false; // metadata not propagated yet
    }
    if (d.partitions().size() != partitions) {
      throw new IllegalStateException(
          "topic \""
              + topic
              + "\" already exists on the destination with "
              + d.partitions().size()
              + " partitions, the source has "
              + partitions
              + ": delete it or mirror another topic");
    }
    return d.partitions().stream().allMatch(p -> p.leader() != null);
  }

  private static TopicDescription describe(Admin admin, String topic, String side, String linkName)
      throws Exception {
    try {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(Offsets.TIMEOUT_MS, TimeUnit.MILLISECONDS)
          .get(topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw LinkApiException.notFound(
            "Topic '"
                + topic
                + "' does not exist on the "
                + side
                + " cluster: create it there before mirroring it on cluster link '"
                + linkName
                + "'.");
      }
      throw e;
    }
  }
}
