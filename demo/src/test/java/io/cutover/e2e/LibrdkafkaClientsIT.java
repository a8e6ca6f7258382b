package io.cutover.e2e;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.sandbox.workload.LibrdkafkaClients;
import io.cutover.sandbox.workload.WorkloadReport;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.PolicyOverrides;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * librdkafka clients (Debian's python3-confluent-kafka) through the gateway beside the Java ones,
 * across a whole cutover: nothing either library had acknowledged is lost or duplicated, and the
 * librdkafka consumer group's offsets on the destination equal the source's at SWITCH. Fails with
 * the install command when the package is missing (.ci/run installs it): never skipped.
 */
class LibrdkafkaClientsIT extends E2EScenario {
  private LibrdkafkaClients rd;

  @AfterAll
  void stopClients() {
    if (rd != null) {
      rd.close();
    }
  }

  @Test
  void librdkafkaClientsLoseNothingAcrossTheCutover() throws Exception {
    assertTrue(LibrdkafkaClients.available(), LibrdkafkaClients.INSTALL_HINT);
    var sandbox = rehearsal.sandbox();
    rd = new LibrdkafkaClients(sandbox.gateway().bootstrap(), sandbox.topics(), 100);
    rd.start();
    init();

    MigrationStatus end = executeAndWait(PolicyOverrides.none());
    assertEquals(CutoverStep.DONE, end.step(), end.lastError());
    awaitAcked(100); // the Java clients work on the destination
    long rdAtDone = rd.acked();
    try {
      awaitMore(
          rd::acked,
          100,
          () ->
              "librdkafka producer made no progress on the destination; acked at DONE: "
                  + rdAtDone);
    } catch (AssertionError stalled) {
      // What the librdkafka clients saw says why (the failures by error name).
      rd.stop();
      throw new AssertionError(
          stalled.getMessage() + "; " + rd.truth(sandbox.kafka().destinationBootstrap()), stalled);
    }

    WorkloadReport java = finish(sandbox.kafka().destinationBootstrap());
    rd.stop();
    WorkloadReport lib = rd.truth(sandbox.kafka().destinationBootstrap());
    System.out.println("LibrdkafkaClientsIT: " + lib.resultLine("librdkafka", 0) + " " + lib);
    assertTrue(lib.acked() >= rdAtDone + 100, "librdkafka traffic flowed: " + lib);
    assertEquals(0, lib.lost(), "librdkafka: acknowledged records lost");
    assertEquals(0, lib.duplicated(), "librdkafka: records duplicated in the log");
    assertEquals(0, java.lost(), "java: acknowledged records lost");
    assertTrue(
        end.offsetHandoff().listed().stream()
            .anyMatch(g -> g.group().equals(LibrdkafkaClients.GROUP) && g.matched()),
        end.offsetHandoff().describe());
  }
}
