package io.cutover.activities.clusterlink;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.CredentialRef;
import io.cutover.workflow.model.TopicSet;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Resolving topic-set references on the worker: live for whole sets, remembered for parts, checked
 * by digest.
 */
class TopicSetsTest {
  private static final Targets.Link LINK =
      new Targets.Link("https://pkc.example:443", "lkc-1", "msk-to-cc", CredentialRef.env("REST"));

  private final List<String> onTheLink =
      new CopyOnWriteArrayList<>(List.of("payments", "orders", "refunds"));
  private final List<Targets.Link> reads = new ArrayList<>();
  private final TopicSets sets =
      new TopicSets(
          link -> {
            reads.add(link);
            return List.copyOf(onTheLink);
          });

  @Test
  void aLinkSetIsReadFromTheLinkSortedByName() {
    TopicSet validated = TopicSet.link(List.of("orders", "payments", "refunds"));

    assertEquals(List.of("orders", "payments", "refunds"), sets.resolve(LINK, validated));
    assertEquals(List.of("payments"), sets.resolve(LINK, validated.part(1, 1)));
  }

  @Test
  void aPatternSetIsTheMirrorsItSelectsSoOnlyAMatchingNewMirrorChangesIt() {
    TopicSet validated = TopicSet.link(List.of("orders", "refunds"), List.of("orders|refunds"));

    assertEquals(List.of("orders", "refunds"), sets.resolve(LINK, validated));
    onTheLink.add("another-teams-topic");
    assertEquals(
        List.of("orders", "refunds"), sets.resolve(LINK, validated), "not selected: not in scope");
    onTheLink.add("refunds");
    onTheLink.remove("orders");
    ApplicationFailure f =
        assertThrows(ApplicationFailure.class, () -> sets.resolve(LINK, validated));
    assertEquals(FailureTypes.TOPIC_SET_CHANGED, f.getType());
  }

  @Test
  void aPartIsAnsweredFromMemoryOnceTheDigestWasResolvedEvenIfTheLinkChangedSince() {
    TopicSet validated = TopicSet.link(List.of("orders", "payments", "refunds"));
    sets.resolve(LINK, validated);
    onTheLink.add("another-teams-topic");

    assertEquals(List.of("refunds"), sets.resolve(LINK, validated.part(2, 5)));
    assertEquals(1, reads.size(), "no second read for a part");
  }

  @Test
  void aWholeSetIsAlwaysReadLiveSoAChangedLinkIsRefusedWithTheCounts() {
    TopicSet validated = TopicSet.link(List.of("orders", "payments", "refunds"));
    sets.resolve(LINK, validated);
    onTheLink.add("another-teams-topic");

    ApplicationFailure f =
        assertThrows(ApplicationFailure.class, () -> sets.resolve(LINK, validated));
    assertEquals(FailureTypes.TOPIC_SET_CHANGED, f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("3 topic(s) then, 4 now"), f.getOriginalMessage());
    assertTrue(
        f.getOriginalMessage().contains("spec.topics"), "names the fix: " + f.getOriginalMessage());
  }

  @Test
  void aWorkerThatNeverSawTheDigestRefusesAPartOfAChangedLink() {
    TopicSet validated = TopicSet.link(List.of("orders", "payments", "refunds"));
    onTheLink.remove("refunds");

    ApplicationFailure f =
        assertThrows(ApplicationFailure.class, () -> sets.resolve(LINK, validated.part(0, 2)));
    assertEquals(FailureTypes.TOPIC_SET_CHANGED, f.getType());
  }

  @Test
  void aListedSetIsTakenAsItIsWithoutReadingTheLink() {
    TopicSet listed = TopicSet.listed(List.of("zeta", "alpha"));

    assertEquals(List.of("zeta", "alpha"), TopicSets.namesOnly().resolve(null, listed));
    assertEquals(List.of("alpha"), sets.resolve(LINK, listed.part(1, 1)));
    assertTrue(reads.isEmpty());
  }

  @Test
  void aListedSetStrippedOfItsNamesIsAnInvalidRequest() {
    TopicSet stripped = TopicSet.listed(List.of("orders")).withoutNames();

    ApplicationFailure f =
        assertThrows(ApplicationFailure.class, () -> sets.resolve(LINK, stripped));
    assertEquals(FailureTypes.INVALID_REQUEST, f.getType());
  }
}
