package io.cutover.e2e;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.sandbox.link.MirrorState;
import io.cutover.sandbox.workload.WorkloadReport;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.PolicyOverrides;
import io.cutover.workflow.model.StrandedWrites;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A producer that bypasses the gateway writes to the source after its topic's mirror stopped: those
 * records will never reach the destination. The cutover completes (past the point of no return it
 * only goes forward) and reports them exactly.
 */
class StrandedWritesIT extends E2EScenario {
  private static final int STRANDED = 7;

  @Test
  void recordsWrittenToTheSourceAfterTheirMirrorStoppedAreReportedExactly() throws Exception {
    var sandbox = rehearsal.sandbox();
    init();
    String first = sandbox.topics().get(0);
    String last = sandbox.topics().get(sandbox.topics().size() - 1);
    sandbox.link().faults().holdPendingStopped(last); // keeps PROMOTE open while the rogue writes

    rehearsal.execute(PolicyOverrides.none());
    assertTrue(
        sandbox.link().awaitState(first, MirrorState.STOPPED, Duration.ofMinutes(2)),
        first + " promoted and STOPPED");
    long before = sourceEnd(first);
    try (KafkaProducer<String, String> rogue =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                sandbox.kafka().sourceBootstrap(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < STRANDED; i++) {
        rogue.send(new ProducerRecord<>(first, 0, "rogue", "after-stop-" + i)).get();
      }
    }
    sandbox.link().faults().releasePendingStopped(last);

    MigrationStatus done = awaitStatus(s -> s.attempt() == 1 && s.resting(), Duration.ofMinutes(3));
    assertEquals(CutoverStep.DONE, done.step(), done.lastError());
    StrandedWrites found = done.strandedWrites();
    assertNotNull(found, "checked");
    assertEquals(1, found.partitions(), found.toString());
    assertEquals(STRANDED, found.records(), found.toString());
    assertEquals(
        "topic "
            + first
            + " partition 0: offsets "
            + before
            + ".."
            + (before + STRANDED - 1)
            + " ("
            + STRANDED
            + " record(s)) on the source only",
        found.lines().get(0));
    assertTrue(
        done.notices().stream().anyMatch(n -> n.startsWith("⚠ Stranded writes: 7 record(s)")),
        done.notices().toString());

    WorkloadReport r = finish(sandbox.kafka().destinationBootstrap());
    assertEquals(0, r.lost(), "the clients' own records all reached the destination");
  }

  private long sourceEnd(String topic) throws Exception {
    try (var admin =
        org.apache.kafka.clients.admin.Admin.create(
            Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                rehearsal.sandbox().kafka().sourceBootstrap()))) {
      var tp = new org.apache.kafka.common.TopicPartition(topic, 0);
      return admin
          .listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()))
          .partitionResult(tp)
          .get()
          .offset();
    }
  }
}
