package io.cutover.sandbox.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkFaultsTest {
  private final LinkFaults faults = new LinkFaults();

  @Test
  void failNextFiresOnlyOnMatchingPathsAndOnlyCountTimes() {
    faults.failNext(2, LinkFaults.Fault.SERVER_ERROR, "mirrors:promote");
    assertEquals(Optional.empty(), faults.nextFault("/kafka/v3/clusters/c/links/l/mirrors"));
    assertEquals(
        Optional.of(LinkFaults.Fault.SERVER_ERROR),
        faults.nextFault("/kafka/v3/clusters/c/links/l/mirrors:promote"));
    assertEquals(
        Optional.of(LinkFaults.Fault.SERVER_ERROR),
        faults.nextFault("/kafka/v3/clusters/c/links/l/mirrors:promote"));
    assertEquals(
        Optional.empty(), faults.nextFault("/kafka/v3/clusters/c/links/l/mirrors:promote"));
    assertEquals(2, faults.injectedCount());
  }

  @Test
  void fractionIsDeterministic() {
    faults.failFraction(0.25, LinkFaults.Fault.TOO_MANY_REQUESTS);
    List<Boolean> failed = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      failed.add(faults.nextFault("/p").isPresent());
    }
    assertEquals(List.of(false, false, false, true, false, false, false, true), failed);
    assertThrows(
        IllegalArgumentException.class,
        () -> faults.failFraction(1.5, LinkFaults.Fault.SERVER_ERROR));
  }

  @Test
  void windowFaultEndsWhenTheWindowDoes() throws Exception {
    faults.failFor(Duration.ofMillis(100), LinkFaults.Fault.SERVICE_UNAVAILABLE);
    assertEquals(Optional.of(LinkFaults.Fault.SERVICE_UNAVAILABLE), faults.nextFault("/p"));
    Thread.sleep(150);
    assertEquals(Optional.empty(), faults.nextFault("/p"));
  }

  @Test
  void promoteErrorsAreHandedOutTheArmedNumberOfTimes() {
    faults.failPromote("t", 2, 400, "lag");
    assertEquals(400, faults.takePromoteError("t").orElseThrow().errorCode());
    assertEquals("lag", faults.takePromoteError("t").orElseThrow().message());
    assertTrue(faults.takePromoteError("t").isEmpty());
    assertTrue(faults.takePromoteError("other").isEmpty());
  }

  @Test
  void clearDisarmsEveryKnob() {
    faults.failNext(3, LinkFaults.Fault.SERVER_ERROR);
    faults.failFor(Duration.ofMinutes(1), LinkFaults.Fault.SERVER_ERROR);
    faults.failFraction(1, LinkFaults.Fault.SERVER_ERROR);
    faults.addLatency(Duration.ofSeconds(1));
    faults.rejectAuthentication(true);
    faults.holdPendingStopped("t");
    faults.failPromote("t", 1, 400, "x");
    faults.stallCopying("t");
    faults.clear();
    assertEquals(Optional.empty(), faults.nextFault("/p"));
    assertEquals(Duration.ZERO, faults.latency());
    assertFalse(faults.authRejected());
    assertFalse(faults.holdsPendingStopped("t"));
    assertFalse(faults.copyingStalled("t"));
    assertTrue(faults.takePromoteError("t").isEmpty());
  }

  @Test
  void faultsCarryTheirHttpStatus() {
    assertEquals(500, LinkFaults.Fault.SERVER_ERROR.status());
    assertEquals(503, LinkFaults.Fault.SERVICE_UNAVAILABLE.status());
    assertEquals(429, LinkFaults.Fault.TOO_MANY_REQUESTS.status());
  }
}
