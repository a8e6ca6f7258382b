package io.cutover.activities.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.Plans;
import io.cutover.workflow.model.Policies;
import io.cutover.workflow.wave.GroupPhase;
import io.cutover.workflow.wave.WavePlan;
import io.cutover.workflow.wave.WaveStatus;
import io.cutover.workflow.wave.WaveStep;
import io.cutover.workflow.wave.WaveWindow;
import io.cutover.workflow.wave.WaveWorkflow;
import io.temporal.client.WorkflowUpdateException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A wave's gates before a group starts: its change window (groups wait for the next opening) and
 * its approval mode (one approval for the wave reaches every group it starts).
 */
class WaveWindowAndApprovalTest extends WaveScenario {

  @Test
  void groupsWaitForTheChangeWindowToOpen() {
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    // A one-hour window that opened an hour ago, every day, in UTC: closed now, open in 23 h.
    String start =
        now.atOffset(ZoneOffset.UTC)
            .minusHours(1)
            .toLocalTime()
            .withSecond(0)
            .withNano(0)
            .toString();
    String end =
        now.atOffset(ZoneOffset.UTC)
            .minusMinutes(1)
            .toLocalTime()
            .withSecond(0)
            .withNano(0)
            .toString();
    WaveWindow window = new WaveWindow("UTC", start, end, List.of());
    WavePlan plan =
        new WavePlan(
            "w",
            1,
            WavePlan.FailurePolicy.STOP,
            WavePlan.ApprovalMode.GROUP,
            window,
            List.of(group("a")));
    WaveWorkflow wf = start(plan);
    wf.execute(alice());
    WaveStatus waiting = awaitWave(wf, s -> s.step() == WaveStep.RUN, "the attempt to begin");
    String why = waiting(waiting, "a");
    assertTrue(why.startsWith("the change window (" + window.describe() + ")"), why);

    assertEquals(-1, fakes.first("a", "awaitLagBelow"), "a waits while the window is closed");

    // Test time, to just past the opening: skipping stops while the group's activities run.
    Instant skippedTo = Instant.ofEpochMilli(env.currentTimeMillis());
    env.sleep(java.time.Duration.between(skippedTo, window.nextOpening(skippedTo)).plusSeconds(1));
    WaveStatus done = awaitWave(wf, s -> s.step() == WaveStep.DONE, "the window to open");
    assertEquals(List.of(GroupPhase.DONE), phases(done));
    long startedAt =
        Instant.parse(groupStatus("a").steps().get(1).startedAt().toString()).toEpochMilli();
    assertTrue(
        window.isOpen(Instant.ofEpochMilli(startedAt)),
        "a started inside the window, at " + Instant.ofEpochMilli(startedAt));
  }

  @Test
  void oneWaveApprovalLetsEveryGroupFenceAndAGroupModeWaveRefusesIt() {
    Policies approval = Plans.policies(p -> p.with(b -> b.requireApproval = true));
    WavePlan plan =
        new WavePlan(
            "w",
            2,
            WavePlan.FailurePolicy.STOP,
            WavePlan.ApprovalMode.WAVE,
            null,
            List.of(group("a", approval), group("b", approval)));
    WaveWorkflow wf = start(plan);
    wf.execute(alice());
    awaitWave(wf, s -> s.step() == WaveStep.AWAIT_APPROVAL, "the wave's approval");
    assertEquals(-1, fakes.first("a", "awaitLagBelow"), "no group starts before the approval");

    wf.approve(alice());
    WaveStatus done = awaitWave(wf, s -> s.step() == WaveStep.DONE, "the wave done");
    assertEquals(List.of(GroupPhase.DONE, GroupPhase.DONE), phases(done));
    assertEquals(
        "alice", groupStub("a").status().approvals().get(0).who(), "the group holds the approval");

    WaveWorkflow groupMode = start(wave(1, WavePlan.FailurePolicy.STOP, group("c", approval)));
    WorkflowUpdateException e =
        assertThrows(WorkflowUpdateException.class, () -> groupMode.approve(alice()));
    assertTrue(
        e.getCause().getMessage().contains("cutover approve <group>"), e.getCause().getMessage());
    groupMode.execute(alice());
    awaitGroup("c", CutoverStep.AWAIT_APPROVAL);
  }
}
