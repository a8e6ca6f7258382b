package io.cutover.activities.offsets;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartition;

/**
 * A real Admin that counts the calls made on it and can make the first {@code listOffsets} calls
 * fail for every partition with a chosen exception (to exercise the stale-metadata retry).
 */
class CountingAdmin extends ForwardingAdmin {
  final Map<String, Object> config;
  final AtomicInteger listOffsetsCalls = new AtomicInteger();
  final AtomicInteger describeTopicsCalls = new AtomicInteger();
  final AtomicInteger partitionsRequested = new AtomicInteger();
  volatile int failListOffsetsCalls;
  volatile Function<TopicPartition, RuntimeException> failure;

  CountingAdmin(Map<String, Object> config) {
    super(config);
    this.config = config;
  }

  @Override
  public DescribeTopicsResult describeTopics(
      TopicCollection topics, DescribeTopicsOptions options) {
    describeTopicsCalls.incrementAndGet();
    return super.describeTopics(topics, options);
  }

  @Override
  public ListOffsetsResult listOffsets(
      Map<TopicPartition, OffsetSpec> offsets, ListOffsetsOptions options) {
    int call = listOffsetsCalls.incrementAndGet();
    partitionsRequested.addAndGet(offsets.size());
    if (call <= failListOffsetsCalls) {
      Map<TopicPartition, KafkaFuture<ListOffsetsResult.ListOffsetsResultInfo>> failed =
          new java.util.HashMap<>();
      offsets
          .keySet()
          .forEach(
              tp -> {
                var f =
                    new org.apache.kafka.common.internals.KafkaFutureImpl<
                        ListOffsetsResult.ListOffsetsResultInfo>();
                f.completeExceptionally(failure.apply(tp));
                failed.put(tp, f);
              });
      return new ListOffsetsResult(failed);
    }
    return super.listOffsets(offsets, options);
  }

  String clientId() {
    return String.valueOf(config.get("client.id"));
  }
}
