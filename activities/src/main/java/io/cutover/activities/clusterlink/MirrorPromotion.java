package io.cutover.activities.clusterlink;

import io.cutover.activities.support.Backoff;
import io.cutover.activities.support.Heartbeat;
import io.cutover.activities.support.Sleeper;
import io.cutover.workflow.activity.ClusterLinkActivities.MirrorStates;
import io.cutover.workflow.activity.ClusterLinkActivities.PromoteResult;
import io.cutover.workflow.activity.ClusterLinkActivities.TopicPromotion;
import io.cutover.workflow.model.CredentialLook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Promotes mirror topics and waits for them to reach STOPPED, reading live state first. */
public final class MirrorPromotion {
  private static final Logger LOG = LoggerFactory.getLogger(MirrorPromotion.class);

  /** Retryable read failures tolerated in a row while polling before giving up the attempt. */
  static final int MAX_CONSECUTIVE_POLL_FAILURES = 5;

  private final ClusterLinkClient client;
  private final Heartbeat heartbeat;
  private final Sleeper sleeper;
  private final Duration pollInterval;
  private final String link;

  public MirrorPromotion(
      ClusterLinkClient client, Heartbeat heartbeat, Sleeper sleeper, Duration pollInterval) {
    this.client = client;
    this.heartbeat = heartbeat;
    this.sleeper = sleeper;
    this.pollInterval = pollInterval;
    this.link = "cluster link \"" + client.address().linkName() + "\"";
  }

  /**
   * Promotes the topics not yet PENDING_STOPPED or STOPPED in one request; those already are count
   * as accepted. A topic the server rejects but that reads as PENDING_STOPPED/STOPPED right after
   * (an earlier, unanswered promote) also counts as accepted. Other per-topic errors are returned.
   * A topic that is not a mirror on the link is NOT_FOUND, before anything is promoted.
   *
   * <p>Idempotent: live states are read first. Inverse: none; promotion is one-way.
   */
  public PromoteResult promote(List<String> requested) {
    List<String> topics = List.copyOf(new LinkedHashSet<>(requested));
    // A beat before each REST call: a worker that dies mid-promote is noticed within the heartbeat
    // timeout, not at start-to-close, while clients wait fenced.
    heartbeat.beat("promote: reading " + topics.size() + " mirror state(s)");
    Map<String, MirrorTopic> live = states(topics);
    Map<String, TopicPromotion> results = new HashMap<>();
    List<String> toPromote = new ArrayList<>();
    for (String t : topics) {
      MirrorTopic m = live.get(t);
      if (m.promoted()) {
        results.put(
            t,
            new TopicPromotion(t, true, 0, "already " + m.mirrorStatus() + "; not promoted again"));
      } else {
        toPromote.add(t);
      }
    }
    heartbeat.beat("promote: sending " + toPromote.size() + " topic(s)");
    List<TopicPromotion> answered = client.promote(toPromote);
    boolean anyRejected = answered.stream().anyMatch(p -> !p.accepted());
    if (anyRejected) {
      heartbeat.beat("promote: re-reading the refused topics");
    }
    Map<String, MirrorTopic> after = anyRejected ? states(toPromote) : Map.of();
    for (TopicPromotion p : answered) {
      MirrorTopic now = after.get(p.topic());
      if (!p.accepted() && now != null && now.promoted()) {
        p =
            new TopicPromotion(
                p.topic(),
                true,
                0,
                "already " + now.mirrorStatus() + " (server said: " + p.message() + ")");
      }
      results.put(p.topic(), p);
    }
    List<TopicPromotion> rejected =
        topics.stream().map(results::get).filter(p -> !p.accepted()).toList();
    int accepted = topics.size() - rejected.size();
    LOG.info(
        "promote on {}: {} of {} accepted, rejected {}",
        link,
        accepted,
        topics.size(),
        rejected.stream().map(TopicPromotion::topic).toList());
    return new PromoteResult(accepted, rejected);
  }

  /** The mirror states of these topics, read once, as counts plus a sample. Reads only. */
  public MirrorStates describe(List<String> requested) {
    List<String> topics = List.copyOf(new LinkedHashSet<>(requested));
    Map<String, String> statuses = new LinkedHashMap<>();
    states(topics).forEach((t, m) -> statuses.put(t, m.mirrorStatus()));
    MirrorStates s = MirrorStates.of(statuses);
    LOG.info("mirror states on {}: {}", link, s.describe());
    return s;
  }

  /**
   * Polls mirror states, heartbeating their counts, until every topic is STOPPED; clients are
   * fenced meanwhile, so the waits are a {@link Backoff} up to the poll interval. A FAILED topic is
   * STATE_DRIFT (it will never stop mirroring cleanly); a retryable read error is tolerated {@value
   * #MAX_CONSECUTIVE_POLL_FAILURES} times in a row. There is no deadline here: the activity's
   * timeout bounds the wait, and the last heartbeat shows the statuses.
   *
   * <p>Idempotent: reads only. Inverse: none.
   */
  public MirrorStates awaitStopped(List<String> requested) {
    List<String> topics = List.copyOf(new LinkedHashSet<>(requested));
    Map<String, String> statuses = new LinkedHashMap<>();
    topics.forEach(t -> statuses.put(t, "UNKNOWN"));
    int failures = 0;
    Backoff waits = new Backoff(pollInterval);
    while (true) {
      try {
        Map<String, MirrorTopic> live = states(topics);
        failures = 0;
        List<String> failed = new ArrayList<>();
        for (String t : topics) {
          MirrorTopic m = live.get(t);
          statuses.put(t, m.mirrorStatus());
          if (MirrorTopic.FAILED.equals(m.mirrorStatus())) {
            failed.add(
                t + (m.mirrorTopicError().isEmpty() ? "" : " (" + m.mirrorTopicError() + ")"));
          }
        }
        if (!failed.isEmpty()) {
          throw ClusterLinkException.drift(
              "mirror topic(s) "
                  + String.join(", ", failed)
                  + " on "
                  + link
                  + " are FAILED and will not reach STOPPED: inspect the mirror (GET .../mirrors/<topic>) and the link;"
                  + " the topic must be recreated or promoted by hand");
        }
        if (statuses.values().stream().allMatch(MirrorTopic.STOPPED::equals)) {
          MirrorStates done = MirrorStates.of(statuses);
          heartbeat.beat(done);
          return done;
        }
      } catch (ClusterLinkException e) {
        if (!e.retryable() || ++failures >= MAX_CONSECUTIVE_POLL_FAILURES) {
          throw e;
        }
        LOG.warn(
            "reading mirror states on {} failed ({} in a row), polling on: {}",
            link,
            failures,
            CredentialLook.redact(e.getMessage()));
      }
      heartbeat.beat(MirrorStates.of(statuses));
      try {
        sleeper.sleep(waits.next());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ClusterLinkException.transientFailure(
            "interrupted while waiting for mirror topics on "
                + link
                + " to reach STOPPED; last statuses "
                + MirrorStates.of(statuses).describe());
      }
    }
  }

  /** Live mirror per topic; topics missing from the list are read one by one (404 is NOT_FOUND). */
  private Map<String, MirrorTopic> states(List<String> topics) {
    Map<String, MirrorTopic> byName = new HashMap<>();
    for (MirrorTopic m : client.listMirrors()) {
      byName.put(m.mirrorTopicName(), m);
    }
    Map<String, MirrorTopic> out = new LinkedHashMap<>();
    for (String t : topics) {
      MirrorTopic m = byName.get(t);
      out.put(t, m != null ? m : client.describeMirror(t));
    }
    return out;
  }
}
