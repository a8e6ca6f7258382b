package io.cutover.sandbox.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cutover.sandbox.workload.Redeliveries.Redelivery;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RedeliveriesTest {
  private static final TopicPartition P0 = new TopicPartition("orders-0", 0);
  private static final TopicPartition P1 = new TopicPartition("orders-0", 1);

  @Test
  void belowTheSourcesFinalCommitIsTheHandoffsAtOrAboveIsTheClients() {
    Redeliveries r =
        Redeliveries.split(
            List.of(
                new Redelivery(P0, 9), // committed on the source (10), read again: handoff
                new Redelivery(P0, 10), // processed, its commit refused: client
                new Redelivery(P0, 11),
                new Redelivery(P1, 3)), // never committed on the source: client
            Map.of(P0, 10L));
    assertEquals(new Redeliveries(1, 3), r);
    assertEquals("REDELIVERIES handoff=1 client=3", r.line());
  }
}
