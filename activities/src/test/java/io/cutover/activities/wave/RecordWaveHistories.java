package io.cutover.activities.wave;

import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.wave.WavePlan;
import io.cutover.workflow.wave.WaveStep;
import io.cutover.workflow.wave.WaveWorkflow;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the wave histories the workflows module's {@code ReplayTest} replays. Runs only when
 * asked: {@code mvn -pl activities test -Dtest=RecordWaveHistories -Dcutover.recordHistories=true}.
 */
@EnabledIfSystemProperty(named = "cutover.recordHistories", matches = "true")
class RecordWaveHistories extends WaveScenario {
  static final Path DIR = Path.of("../workflows/src/test/resources/histories");

  private void save(String runId, String name) throws Exception {
    Files.createDirectories(DIR);
    Files.writeString(
        DIR.resolve(name), client.fetchHistory(WavePlan.workflowIdFor("w"), runId).toJson(true));
  }

  /** Three groups, one after another's DONE, two at once: one run from start to DONE. */
  @Test
  void waveDone() throws Exception {
    WaveWorkflow wf =
        start(wave(2, WavePlan.FailurePolicy.STOP, group("a"), group("b"), group("c", "a")));
    wf.execute(alice());
    awaitWave(wf, s -> s.step() == WaveStep.DONE, "done");
    save(firstRunId, "wave-done.json");
  }

  /** A wave rolled back with one group past its point of no return; the run continues as new. */
  @Test
  void waveRolledBack() throws Exception {
    WaveWorkflow wf =
        start(wave(2, WavePlan.FailurePolicy.STOP, group("a"), group("b"), group("c")));
    fakes.of("a").blocking.add("switchRoutes");
    fakes.of("b").blocking.add("awaitLagBelow");
    wf.execute(alice());
    awaitGroup("a", CutoverStep.SWITCH);
    awaitGroup("b", CutoverStep.WAIT_FOR_LAG);
    wf.rollback(alice());
    fakes.of("a").blocking.remove("switchRoutes");
    awaitWave(wf, s -> s.run() == 2, "the continue-as-new at rest");
    save(firstRunId, "wave-rolled-back.json");
  }
}
