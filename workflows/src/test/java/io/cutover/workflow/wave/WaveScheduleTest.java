package io.cutover.workflow.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.Plans;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who starts now, and why the others wait: the wave's rules without Temporal. */
class WaveScheduleTest {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  private static WavePlan.WaveGroup g(String name, String... after) {
    return new WavePlan.WaveGroup(
        name, Plans.plan(name, List.of(name), Plans.DEFAULTS), List.of(after));
  }

  private static Map<String, GroupState> states(
      WavePlan plan, Map<String, GroupPhase> phases, int startedIn) {
    Map<String, GroupState> m = new LinkedHashMap<>();
    for (WavePlan.WaveGroup g : plan.groups()) {
      GroupPhase p = phases.getOrDefault(g.name(), GroupPhase.READY);
      int started = p == GroupPhase.READY ? 0 : startedIn;
      m.put(
          g.name(),
          new GroupState(g.name(), g.plan().workflowId(), p, true, null, 0, started, null));
    }
    return m;
  }

  private static WavePlan plan(int concurrency, WaveWindow window, WavePlan.WaveGroup... groups) {
    return new WavePlan(
        "w",
        concurrency,
        WavePlan.FailurePolicy.CONTINUE,
        WavePlan.ApprovalMode.GROUP,
        window,
        List.of(groups));
  }

  @Test
  void startsInOrderUpToTheLimitAndOnlyAfterTheDependenciesAreDone() {
    WavePlan p = plan(2, null, g("a"), g("b", "a"), g("c"), g("d"));
    WaveSchedule s = new WaveSchedule(p, states(p, Map.of(), 1), false, NOW, 1);
    assertEquals(List.of("a", "c"), s.startNow(), "b waits for a; d for a slot");
    WaveSchedule running =
        new WaveSchedule(
            p,
            states(p, Map.of("a", GroupPhase.RUNNING, "c", GroupPhase.RUNNING), 1),
            false,
            NOW,
            1);
    assertEquals(List.of(), running.startNow());
    assertEquals("a to be DONE", running.waitingFor("b"));
    assertEquals("a free slot (concurrency 2)", running.waitingFor("d"));
    WaveSchedule aDone =
        new WaveSchedule(
            p, states(p, Map.of("a", GroupPhase.DONE, "c", GroupPhase.RUNNING), 1), false, NOW, 1);
    assertEquals(List.of("b"), aDone.startNow());
  }

  @Test
  void aGroupBehindARolledBackOneIsBlockedEvenIndirectlyAndTheOthersGoOn() {
    WavePlan p = plan(3, null, g("a"), g("b", "a"), g("c", "b"), g("d"));
    WaveSchedule s =
        new WaveSchedule(p, states(p, Map.of("a", GroupPhase.ROLLED_BACK), 1), false, NOW, 1);
    assertEquals(List.of("d"), s.startNow());
    assertTrue(s.waitingFor("c").contains("b cannot be DONE in this attempt"), s.waitingFor("c"));
    assertTrue(s.anyToStart(), "d is still to start");
    WaveSchedule dDone =
        new WaveSchedule(
            p,
            states(p, Map.of("a", GroupPhase.ROLLED_BACK, "d", GroupPhase.DONE), 1),
            false,
            NOW,
            1);
    assertFalse(dDone.anyToStart(), "b and c are blocked: the attempt can end");
  }

  @Test
  void aStoppedWaveOrAClosedWindowStartsNothing() {
    WavePlan p = plan(2, null, g("a"));
    assertEquals(List.of(), new WaveSchedule(p, states(p, Map.of(), 1), true, NOW, 1).startNow());
    WaveWindow night = new WaveWindow("UTC", "22:00", "04:00", List.of());
    WavePlan w = plan(2, night, g("a"));
    WaveSchedule closed = new WaveSchedule(w, states(w, Map.of(), 1), false, NOW, 1);
    assertEquals(List.of(), closed.startNow());
    assertEquals(Instant.parse("2026-12-04T22:00:00Z"), closed.windowOpensAt());
  }
}
