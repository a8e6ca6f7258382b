package io.cutover.activities.clusterlink;

import io.cutover.activities.support.Heartbeat;
import io.cutover.activities.support.Sleeper;
import io.cutover.workflow.activity.ClusterLinkActivities.OffsetSyncState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses and restores consumer offset sync on a cluster link. Both read the live configs first,
 * change only what differs, and return the configs as read back after the change.
 */
public final class OffsetSync {
  private static final Logger LOG = LoggerFactory.getLogger(OffsetSync.class);

  public static final String PREFIX = "consumer.offset.";
  public static final String TOGGLE = "consumer.offset.sync.enable";
  public static final String GROUP_FILTERS = "consumer.offset.group.filters";

  private final ClusterLinkClient client;
  private final Heartbeat heartbeat;
  private final Sleeper sleeper;
  private final Duration heartbeatInterval;
  private final String link;

  public OffsetSync(
      ClusterLinkClient client, Heartbeat heartbeat, Sleeper sleeper, Duration heartbeatInterval) {
    this.client = client;
    this.heartbeat = heartbeat;
    this.sleeper = sleeper;
    this.heartbeatInterval = heartbeatInterval;
    this.link = "cluster link \"" + client.address().linkName() + "\"";
  }

  /**
   * Verifies {@value #TOGGLE} is "true", waits {@code drain} with sync still on (heartbeating), and
   * verifies it is still "true". Reads only, so a "false" or missing toggle here is drift that this
   * cutover did not cause: {@link ClusterLinkException.Kind#STATE_DRIFT}, refused before any write.
   *
   * <p>Idempotent: reads only. Inverse: none needed.
   */
  public OffsetSyncState drain(Duration drain) {
    requireOn(client.listConfigs());
    boolean drains = drain != null && !drain.isZero() && !drain.isNegative();
    if (!drains) {
      return new OffsetSyncState(
          offsetKeys(client.listConfigs()), TOGGLE + " on " + link + " is \"true\"; no drain");
    }
    drainWithSyncOn(drain);
    Map<String, String> after = client.listConfigs();
    requireOn(after);
    return new OffsetSyncState(
        offsetKeys(after),
        "drained " + drain.toSeconds() + "s with " + TOGGLE + " \"true\" on " + link);
  }

  /**
   * Sets {@value #TOGGLE} to "false" and reads back "false". Called only after {@link #drain} saw
   * "true", with the workflow's intent to restore recorded, so a "false" found here is this step's
   * own earlier write (a retry) and is accepted without writing again.
   *
   * <p>Idempotent: see above. Inverse: {@link #restore}.
   */
  public OffsetSyncState disable() {
    heartbeat.beat(
        "disable: reading the link configs"); // one beat per REST call, see MirrorPromotion
    Map<String, String> before = client.listConfigs();
    if ("false".equals(before.get(TOGGLE))) {
      return new OffsetSyncState(
          offsetKeys(before),
          TOGGLE
              + " on "
              + link
              + " is already \"false\" (an earlier attempt of this step); nothing to change");
    }
    heartbeat.beat("disable: writing");
    client.alterConfigs(Map.of(TOGGLE, "false"));
    heartbeat.beat("disable: reading back");
    Map<String, String> after = client.listConfigs();
    if (!"false".equals(after.get(TOGGLE))) {
      throw ClusterLinkException.transientFailure(
          "set "
              + TOGGLE
              + "=\"false\" on "
              + link
              + " but read back \""
              + after.getOrDefault(TOGGLE, "<missing>")
              + "\"; retrying");
    }
    String detail = TOGGLE + " set to \"false\" on " + link + "; read back \"false\"";
    if (!before.getOrDefault(GROUP_FILTERS, "").isEmpty()
        && after.getOrDefault(GROUP_FILTERS, "").isEmpty()) {
      detail += "; the server cleared " + GROUP_FILTERS + " (restore re-writes it)";
    }
    LOG.info(detail);
    return new OffsetSyncState(offsetKeys(after), detail);
  }

  private void requireOn(Map<String, String> configs) {
    String toggle = configs.get(TOGGLE);
    if (toggle == null) {
      throw ClusterLinkException.drift(
          "pauseConsumerOffsetSync refused: "
              + link
              + " has no "
              + TOGGLE
              + " key, so its state before the pause cannot be verified; inspect the link's configs (GET .../links/"
              + client.address().linkName()
              + "/configs) and enable offset sync there, or turn pauseConsumerOffsetSync off");
    }
    if (!"true".equals(toggle)) {
      throw ClusterLinkException.drift(
          "pauseConsumerOffsetSync refused: "
              + TOGGLE
              + " on "
              + link
              + " is \""
              + toggle
              + "\", not \"true\": it was changed outside this cutover after VALIDATE; inspect the link's consumer.offset.*"
              + " configs, set it back to \"true\" if offsets should sync, then retry");
    }
  }

  /**
   * Restores the snapshot's non-empty {@code consumer.offset.*} values: a key is written iff its
   * live value is missing or empty (or "false" for {@value #TOGGLE}); a live value that differs
   * otherwise is an operator's deliberate change and is kept. Keys go sorted, {@value #TOGGLE} last
   * (a partial failure leaves filters set and sync still off, the safer state), then are read back.
   *
   * <p>Idempotent: nothing is written when nothing differs. Inverse: {@link #disable}.
   */
  public OffsetSyncState restore(Map<String, String> snapshot) {
    Map<String, String> wanted = new TreeMap<>();
    offsetKeys(snapshot)
        .forEach(
            (k, v) -> {
              if (!v.isEmpty()) {
                wanted.put(k, v);
              }
            });
    heartbeat.beat("restore: reading the link configs");
    Map<String, String> live = client.listConfigs();
    Map<String, String> toWrite = new LinkedHashMap<>();
    List<String> kept = new ArrayList<>();
    wanted.forEach(
        (key, value) -> {
          String current = live.get(key);
          if (value.equals(current)) {
            return;
          }
          boolean ours =
              current == null
                  || current.isEmpty()
                  || (key.equals(TOGGLE) && current.equals("false"));
          if (ours) {
            toWrite.put(key, value);
          } else {
            kept.add(key);
          }
        });
    String keptNote =
        kept.isEmpty()
            ? ""
            : "; kept "
                + String.join(", ", kept)
                + " as found: the live value differs from the snapshot and is not empty, so it was changed on purpose";
    if (toWrite.isEmpty()) {
      String detail =
          (wanted.isEmpty()
                  ? "the snapshot holds no consumer.offset.* values for "
                      + link
                      + "; nothing to restore"
                  : "consumer.offset.* configs on "
                      + link
                      + " already match the snapshot; nothing written")
              + keptNote;
      return new OffsetSyncState(offsetKeys(live), detail);
    }
    // Toggle last: if a later key fails, filters are back and sync is still off, the safer state.
    String toggle = toWrite.remove(TOGGLE);
    if (toggle != null) {
      toWrite.put(TOGGLE, toggle);
    }
    heartbeat.beat("restore: writing");
    client.alterConfigs(toWrite);
    heartbeat.beat("restore: reading back");
    Map<String, String> after = client.listConfigs();
    List<String> mismatched = new ArrayList<>();
    toWrite.forEach(
        (k, v) -> {
          if (!v.equals(after.get(k))) {
            mismatched.add(k);
          }
        });
    if (!mismatched.isEmpty()) {
      throw ClusterLinkException.transientFailure(
          "restored "
              + String.join(", ", toWrite.keySet())
              + " on "
              + link
              + " but "
              + String.join(", ", mismatched)
              + " read back different from the snapshot; retrying");
    }
    String detail =
        "restored consumer.offset.* configs on "
            + link
            + ": "
            + String.join(", ", toWrite.keySet())
            + keptNote;
    LOG.info(detail);
    return new OffsetSyncState(offsetKeys(after), detail);
  }

  /** The {@code consumer.offset.*} entries of {@code configs}, sorted. */
  public static Map<String, String> offsetKeys(Map<String, String> configs) {
    Map<String, String> out = new TreeMap<>();
    configs.forEach(
        (k, v) -> {
          if (k != null && k.startsWith(PREFIX)) {
            out.put(k, v == null ? "" : v);
          }
        });
    return out;
  }

  private void drainWithSyncOn(Duration drain) {
    LOG.info(
        "draining consumer offset sync on {} for {}s before pausing it", link, drain.toSeconds());
    Duration left = drain;
    try {
      while (!left.isZero() && !left.isNegative()) {
        Duration slice = left.compareTo(heartbeatInterval) < 0 ? left : heartbeatInterval;
        heartbeat.beat(left);
        sleeper.sleep(slice);
        left = left.minus(slice);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ClusterLinkException.transientFailure(
          "interrupted while draining offset sync on "
              + link
              + "; "
              + TOGGLE
              + " is still \"true\"");
    }
  }
}
