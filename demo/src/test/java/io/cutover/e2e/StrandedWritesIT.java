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
 * A producer that bypasses the gateway writes to the source after its topic's mirror stopped,
 * during PROMOTE and again after DONE: those records will never reach the destination. The cutover
 * completes (past the point of no return it only goes forward) and reports them exactly, the later
 * ones found by the watch after DONE.
 */
class StrandedWritesIT extends E2EScenario {
  private static final int STRANDED = 7;
  private static final int AFTER_DONE = 4;

  @Override
  io.cutover.sandbox.Sandbox.Options options(java.nio.file.Path dir) {
    return super.options(dir).withPolicy("strandedWritesWatchDuration", "30s");
  }

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
    writeToTheSource(first, STRANDED, "after-stop-");
    sandbox.link().faults().releasePendingStopped(last);

    MigrationStatus done = awaitStatus(s -> s.attempt() == 1 && s.resting(), Duration.ofMinutes(3));
    assertEquals(CutoverStep.DONE, done.step(), done.lastError());
    assertNotNull(done.strandedWrites().watchingUntil(), "the source is still watched after DONE");
    long lastBefore = sourceEnd(last);
    writeToTheSource(last, AFTER_DONE, "after-done-");

    MigrationStatus watched =
        awaitStatus(s -> !s.watchingForStrandedWrites(), Duration.ofMinutes(2));
    StrandedWrites later = watched.strandedWrites();
    assertEquals(2, later.partitions(), later.toString());
    assertEquals(STRANDED + AFTER_DONE, later.records(), later.toString());
    assertTrue(
        later.lines().contains(line(last, lastBefore, AFTER_DONE)),
        "the records written after DONE are listed exactly: " + later.lines());
    assertTrue(
        watched.notices().stream()
            .anyMatch(n -> n.startsWith("⚠ Stranded writes: " + (STRANDED + AFTER_DONE))),
        watched.notices().toString());
    assertTrue(
        watched.notices().stream()
            .anyMatch(
                n -> n.startsWith("Watched the source for stranded writes for 30s after DONE")),
        watched.notices().toString());

    StrandedWrites found = done.strandedWrites();
    assertNotNull(found, "checked");
    assertEquals(1, found.partitions(), found.toString());
    assertEquals(STRANDED, found.records(), found.toString());
    assertEquals(line(first, before, STRANDED), found.lines().get(0));
    assertTrue(
        done.notices().stream().anyMatch(n -> n.startsWith("⚠ Stranded writes: 7 record(s)")),
        done.notices().toString());

    WorkloadReport r = finish(sandbox.kafka().destinationBootstrap());
    assertEquals(0, r.lost(), "the clients' own records all reached the destination");
  }

  private static String line(String topic, long from, int count) {
    return "topic "
        + topic
        + " partition 0: offsets "
        + from
        + ".."
        + (from + count - 1)
        + " ("
        + count
        + " record(s)) on the source only";
  }

  /** A producer that bypasses the gateway: straight to the source, partition 0. */
  private void writeToTheSource(String topic, int count, String prefix) throws Exception {
    try (KafkaProducer<String, String> rogue =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                rehearsal.sandbox().kafka().sourceBootstrap(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < count; i++) {
        rogue.send(new ProducerRecord<>(topic, 0, "rogue", prefix + i)).get();
      }
    }
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
