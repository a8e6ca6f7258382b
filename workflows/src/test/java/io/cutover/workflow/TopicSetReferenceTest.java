package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.RunReport;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A manifest that names no topics cuts over every mirror on the link, and the names of those topics
 * never enter history: the validated set is a reference (count + SHA-256) that activities
 * re-resolve and check (docs/architecture.md, "Topic sets"). A link whose mirrors change under a
 * run is caught.
 */
class TopicSetReferenceTest extends CutoverScenario {

  @Override
  protected List<String> topics() {
    return IntStream.range(0, 12)
        .mapToObj(i -> String.format("inventory.stock-level-changed-%02d", i))
        .toList();
  }

  private MigrationPlan everyMirror(int batchSize) {
    return Plans.plan(
        "link-wide", List.of(), Plans.policies(p -> p.with(b -> b.promoteBatchSize = batchSize)));
  }

  /**
   * Every event in protobuf text form, where payload bytes print as text (JSON would base64 them).
   */
  private String historyText(MigrationWorkflow wf) {
    String id = WorkflowStub.fromTyped(wf).getExecution().getWorkflowId();
    return client.fetchHistory(id).getEvents().stream()
        .map(Object::toString)
        .collect(Collectors.joining("\n"));
  }

  @Test
  void everyMirrorOnTheLinkIsCutOverWithoutAnyOfItsNamesInHistory() {
    MigrationWorkflow wf = startAndAwaitExecute(everyMirror(5));
    execute(wf);
    RunReport report = result(wf);

    assertEquals(12, report.promotedTopics());
    assertTrue(
        fake.mirrorStatus.values().stream().allMatch("STOPPED"::equals),
        fake.mirrorStatus.toString());
    assertEquals(
        List.of(5, 5, 2), fake.promoteBatchSizes, "batches are parts of the set, in name order");
    String history = historyText(wf);
    for (String topic : topics()) {
      int at = history.indexOf(topic);
      assertFalse(
          at >= 0,
          topic
              + " is in the history; only the set's digest should be: ..."
              + (at < 0
                  ? ""
                  : history.substring(
                      Math.max(0, at - 300), Math.min(history.length(), at + 600))));
    }
    assertTrue(
        history.contains(io.cutover.workflow.model.TopicSet.digestOf(topics())),
        "the set's digest is");
  }

  @Test
  void aMirrorAddedToTheLinkDuringTheLagWaitEndsTheAttemptAndTheNextExecuteValidatesTheNewSet() {
    MigrationWorkflow wf = startAndAwaitExecute(everyMirror(0));
    addAMirrorDuring(wf, "awaitLagBelow", CutoverStep.WAIT_FOR_LAG);
    assertEquals(0, fake.count("fenceRoutes"), "nothing was fenced");

    execute(wf);
    result(wf);
    assertEquals(13, wf.status().topicCount());
    assertEquals("STOPPED", fake.mirrorStatus.get("inventory.stock-level-changed-99"));
  }

  @Test
  void aMirrorAddedInsideTheFencedWindowIsRolledBackBeforeAnyPromote() {
    MigrationWorkflow wf =
        startAndAwaitExecute(
            Plans.plan(
                "link-wide",
                List.of(),
                Plans.policies(p -> p.with(b -> b.detect = java.time.Duration.ofSeconds(10)))));
    addAMirrorDuring(wf, "detectUnroutedProducers", CutoverStep.VERIFY_FENCE);
    assertEquals(0, fake.count("promoteMirrors"));
    assertEquals(FakeSystems.GatewayState.INITIAL, fake.gateway, "unfenced: nothing was promoted");
  }

  @Test
  void aMirrorAddedAfterThePointOfNoReturnHoldsFencedUntilTheLinkIsBackToTheValidatedSet() {
    MigrationWorkflow wf = startAndAwaitExecute(everyMirror(5));
    fake.blocking.add("awaitMirrorsStopped");
    execute(wf);
    awaitStatus(wf, s -> s.promotedCount() >= 5, "first batch accepted");
    addMirror("inventory.stock-level-changed-99");
    fake.blocking.clear();

    MigrationStatus held = awaitStatus(wf, MigrationStatus::held, "held");
    assertTrue(held.lastError().contains("[TopicSetChanged]"), held.lastError());
    assertEquals(
        FakeSystems.GatewayState.FENCED, fake.gateway, "never back to the source after a promote");
    assertEquals(0, fake.count("unfenceRoutes"));

    fake.linkMirrors.remove("inventory.stock-level-changed-99");
    execute(wf);
    result(wf);
    assertEquals(12, wf.status().stoppedCount());
    assertEquals(
        "ACTIVE",
        fake.mirrorStatus.get("inventory.stock-level-changed-99"),
        "not this group's topic");
  }

  /**
   * Executes, adds a mirror to the link while {@code activity} runs in {@code step}: the attempt
   * rolls back.
   */
  private void addAMirrorDuring(MigrationWorkflow wf, String activity, CutoverStep step) {
    fake.blocking.add(activity);
    execute(wf);
    awaitStep(wf, step);
    addMirror("inventory.stock-level-changed-99");
    fake.blocking.clear();
    MigrationStatus rolledBack = awaitStep(wf, CutoverStep.ROLLED_BACK);
    assertTrue(rolledBack.lastError().contains("[TopicSetChanged]"), rolledBack.lastError());
  }

  private void addMirror(String topic) {
    fake.linkMirrors.add(topic);
    fake.mirrorStatus.put(topic, "ACTIVE");
    fake.lag.put(topic, 0L);
  }
}
