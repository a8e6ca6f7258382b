package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.RunReport;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Determinism: recorded histories must replay against today's workflow code. A change that alters
 * the commands of a running workflow breaks this test; guard it with Workflow.getVersion. Re-record
 * with {@code mvn -pl workflows test -Dtest=RecordHistories -Dcutover.recordHistories=true}.
 */
class ReplayTest {
  static WorkflowExecutionHistory load(String name) throws IOException {
    try (InputStream in = ReplayTest.class.getResourceAsStream("/histories/" + name)) {
      assertNotNull(in, "missing history " + name);
      return WorkflowExecutionHistory.fromJson(
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "happy-path.json",
        "rollback-then-complete.json",
        "held-then-retried.json",
        "held-at-switch.json",
        "rolled-back-with-early-approval.json",
        "overlapped-passive-waits.json",
        "overlapped-waits-rolled-back.json",
        "stranded-writes-found.json",
        "pipelined-promotion.json",
        "offset-handoff.json",
        "stranded-writes-watch.json",
        "fenced-finish-together.json",
        "fenced-checks-folded.json"
      })
  void recordedHistoryReplaysDeterministically(String name) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(load(name), MigrationWorkflowImpl.class);
  }

  /** Recorded by the activities module's RecordWaveHistories (a wave needs its activities). */
  @ParameterizedTest
  @ValueSource(strings = {"wave-done.json", "wave-rolled-back.json"})
  void aRecordedWaveReplaysDeterministically(String name) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        load(name), io.cutover.workflow.wave.WaveWorkflowImpl.class);
  }

  @Test
  void aRecordedDryRunReplaysDeterministically() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(load("plan-check.json"), PlanCheckWorkflowImpl.class);
  }

  /**
   * Runs started by 0.1 workers do not replay on this build: the 0.2 core changed commands and
   * payloads without version markers (docs/runbook.md, "Upgrading the worker"). This pins that the
   * pre-deploy gate refuses them rather than letting a worker fail their tasks.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "v0.1/happy-path.json",
        "v0.1/rollback-then-complete.json",
        "v0.1/held-then-retried.json"
      })
  void historiesOfTheFirstReleaseAreRefusedByReplay(String name) throws Exception {
    WorkflowExecutionHistory history = load(name);
    assertThrows(
        Exception.class,
        () -> WorkflowReplayer.replayWorkflowExecution(history, MigrationWorkflowImpl.class));
  }

  @Test
  void replayDetectsAWorkflowThatIssuesDifferentCommands() throws Exception {
    WorkflowExecutionHistory history = load("happy-path.json");
    assertThrows(
        Exception.class,
        () -> WorkflowReplayer.replayWorkflowExecution(history, FenceFirstWorkflow.class),
        "a workflow that starts with a timer must not replay the recorded history");
  }

  /** A deliberately different implementation (a timer first): proves the replay test can fail. */
  public static class FenceFirstWorkflow extends MigrationWorkflowImpl {
    @Override
    public RunReport run(MigrationPlan plan, io.cutover.workflow.model.Continuation carried) {
      io.temporal.workflow.Workflow.sleep(java.time.Duration.ofSeconds(1));
      return super.run(plan, carried);
    }
  }
}
