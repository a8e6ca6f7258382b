package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.MigrationStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PROMOTE: zero-lag topics only, batches, bounded per-topic retries ({@link
 * PipelinedPromotionTest}: batches in flight side by side).
 */
class PromotionTest extends CutoverScenario {

  @Override
  protected List<String> topics() {
    return List.of("t1", "t2", "t3", "t4", "t5");
  }

  @Test
  void onlyZeroLagTopicsArePromotedInBatches() {
    var policies =
        Plans.policies(
            p ->
                p.with(
                    b -> {
                      b.promoteBatchSize = 2;
                      b.lagThreshold = 10_000;
                    }));
    fake.lag.put("t2", 900L);
    fake.lag.put("t5", 300L);
    fake.drainPerMeasurement = 250;
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("batch", topics(), policies));

    execute(wf);
    result(wf);

    assertEquals(List.of(2, 2, 1), fake.promoteBatchSizes);
    for (Map<String, Long> seen : fake.lagAtPromote) {
      seen.forEach((topic, lag) -> assertEquals(0L, lag, topic + " was promoted at lag " + lag));
    }
    assertEquals(5, wf.status().stoppedCount());
  }

  @Test
  void theFirstBatchIsPromotedOnTheReadingThatEndedTheDrainAndLaterBatchesAreReadAgain() {
    var policies = Plans.policies(p -> p.with(b -> b.promoteBatchSize = 3));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("drain-reading", topics(), policies));

    execute(wf);
    result(wf);

    List<String> fenced =
        fake.timeline.subList(fake.timeline.indexOf("fenceRoutes"), fake.timeline.size());
    int firstPromote = fenced.indexOf("promoteMirrors");
    int secondPromote =
        fenced.subList(firstPromote + 1, fenced.size()).indexOf("promoteMirrors")
            + firstPromote
            + 1;
    assertEquals(
        1,
        fenced.subList(0, firstPromote).stream().filter("awaitLagBelow"::equals).count(),
        "one reading at zero lag before the first promote: " + fenced);
    assertEquals(
        1,
        fenced.subList(firstPromote, secondPromote).stream()
            .filter("awaitLagBelow"::equals)
            .count(),
        "the second batch is read before its promote: " + fenced);
    assertEquals(List.of(3, 2), fake.promoteBatchSizes);
  }

  @Test
  void batchSizeZeroPromotesEveryTopicInOneRequest() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    execute(wf);
    result(wf);
    assertEquals(List.of(5), fake.promoteBatchSizes);
  }

  @Test
  void perTopicPromoteErrorsAreRetriedAndThenSucceed() {
    fake.promoteErrors.put("t3", 2);
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    execute(wf);
    result(wf);
    assertEquals(
        3,
        fake.calls.stream()
            .filter(c -> c.startsWith("promoteMirrors") && c.contains("t3"))
            .count());
    assertEquals("STOPPED", fake.mirrorStatus.get("t3"));
  }

  @Test
  void promoteErrorsOnEveryTopicBeforeAnyAcceptanceAreBoundedAndCompensated() {
    topics().forEach(t -> fake.promoteErrors.put(t, 10));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    execute(wf);
    MigrationStatus status = awaitStep(wf, CutoverStep.ROLLED_BACK);

    assertEquals(Promotion.MAX_TOPIC_ATTEMPTS, fake.count("promoteMirrors"));
    assertTrue(
        status.rollbacks().get(0).cause().contains("failed promotion after 3 attempts"),
        status.rollbacks().get(0).cause());
    assertFalse(status.pointOfNoReturnPassed());
    assertEquals(FakeSystems.GatewayState.INITIAL, fake.gateway);
  }

  @Test
  void switchWaitsUntilEveryTopicIsStopped() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.blocking.add("awaitMirrorsStopped");
    execute(wf);
    MigrationStatus promoting = awaitStatus(wf, s -> s.promotedCount() == 5, "promote accepted");

    assertTrue(promoting.stoppedCount() == 0);
    assertEquals(CutoverStep.PROMOTE, promoting.step());
    assertEquals(0, fake.count("switchRoutes"), "no switch while mirrors are PENDING_STOPPED");
    fake.blocking.remove("awaitMirrorsStopped");
    result(wf);
    assertEquals(1, fake.count("switchRoutes"));
  }
}
