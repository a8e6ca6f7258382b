package io.cutover.workflow;

import io.cutover.workflow.activity.ClusterLinkActivities.AwaitStoppedRequest;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.TopicSet;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Promoted batches whose STOPPED is not confirmed yet, oldest first. Past the point of no return a
 * batch whose promote was accepted need not be STOPPED before the next batch's promote is sent: the
 * destination drains them side by side, and PROMOTE still ends only once every one of them is
 * confirmed STOPPED (docs/architecture.md, "The steps"). Bounded, so that a large group never has
 * more than {@link #MAX_IN_FLIGHT} batches draining at once.
 */
final class StoppedWaits {
  /** Batches promoted and not yet confirmed STOPPED, at most. */
  static final int MAX_IN_FLIGHT = 4;

  /** A promoted batch, and the topics of it that were not promoted (not waited for). */
  private record Pending(TopicSet batch, List<String> notPromoted, int accepted) {}

  private final ArrayDeque<Pending> pending = new ArrayDeque<>();

  boolean isEmpty() {
    return pending.isEmpty();
  }

  boolean full() {
    return pending.size() >= MAX_IN_FLIGHT;
  }

  void add(TopicSet batch, List<String> notPromoted, int accepted) {
    pending.addLast(new Pending(batch, List.copyOf(notPromoted), accepted));
  }

  /**
   * Waits until the oldest batch is STOPPED and counts it. When the wait fails the batch stays
   * first, so the retry after a hold waits for it again.
   */
  void awaitOldest(Activities acts, Targets.Link link, Guard guard, StatusBook book) {
    Pending p = pending.peekFirst();
    if (p == null) {
      return;
    }
    await(acts, link, guard, book, p.batch(), p.notPromoted(), p.accepted());
    pending.removeFirst();
  }

  /**
   * Waits until {@code batch} but {@code notPromoted} is STOPPED, then counts its {@code accepted}
   * topics as stopped.
   */
  static void await(
      Activities acts,
      Targets.Link link,
      Guard guard,
      StatusBook book,
      TopicSet batch,
      List<String> notPromoted,
      int accepted) {
    guard.protect(
        () -> acts.mirrors.awaitMirrorsStopped(new AwaitStoppedRequest(link, batch, notPromoted)));
    book.stopped(accepted);
    book.publish();
  }
}
