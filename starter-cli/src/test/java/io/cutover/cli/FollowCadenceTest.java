package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cutover.cli.Follow.Position;
import io.cutover.workflow.CutoverStep;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A follow polls soon after a run changes, and backs off to twice a second while it does not. */
class FollowCadenceTest {
  private static final Position FENCE = new Position(1, CutoverStep.FENCE, false);

  @Test
  void aNewStepIsPolledAgainAfterFiftyMilliseconds() {
    Position lag = new Position(1, CutoverStep.WAIT_FOR_LAG, false);
    assertEquals(50, Follow.nextWait(FENCE, lag, 500));
    assertEquals(50, Follow.nextWait(FENCE, null, 500), "the first reading");
    assertEquals(50, Follow.nextWait(new Position(2, CutoverStep.FENCE, false), FENCE, 500));
    assertEquals(50, Follow.nextWait(new Position(1, CutoverStep.FENCE, true), FENCE, 500));
  }

  @Test
  void aStepThatStaysIsPolledAtMostTwiceASecond() {
    List<Long> waits = new ArrayList<>();
    long wait = Follow.nextWait(FENCE, null, 0);
    waits.add(wait);
    for (int i = 0; i < 6; i++) {
      wait = Follow.nextWait(FENCE, FENCE, wait);
      waits.add(wait);
    }
    assertEquals(List.of(50L, 100L, 200L, 400L, 500L, 500L, 500L), waits);
  }
}
