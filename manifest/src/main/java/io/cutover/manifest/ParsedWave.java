package io.cutover.manifest;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * A checked {@code kind: MigrationWave} manifest: the groups of one wave, each a {@code
 * GatewayMigration} manifest read as {@code cutover init} reads it, with the order between them and
 * the wave's rules (docs/manifest.md, "Waves").
 *
 * @param concurrency at most this many groups cut over at once
 * @param groups in the manifest's order; {@link #startOrder()} gives an order that respects {@code
 *     after}
 * @param window when groups may start; null: any time
 */
public record ParsedWave(
    Path file,
    String name,
    int concurrency,
    FailurePolicy onFailure,
    Approval approval,
    ChangeWindow window,
    List<Member> groups,
    List<String> startOrder,
    List<String> warnings) {

  public ParsedWave {
    groups = List.copyOf(groups);
    startOrder = List.copyOf(startOrder);
    warnings = List.copyOf(warnings);
  }

  /** What the wave does after a group rolls back or holds. */
  public enum FailurePolicy {
    /** Start no new group; the groups already running go on. */
    STOP,
    /** Start the groups that do not depend on it, as if nothing happened. */
    CONTINUE
  }

  /** Who approves. */
  public enum Approval {
    /** One approval for the whole wave, given once. */
    WAVE,
    /** Each group's own, as for a single group. */
    GROUP
  }

  /**
   * @param name the member manifest's {@code metadata.name}: the group's workflow id, as today
   * @param after names of the groups that must be DONE before this one starts
   */
  public record Member(String name, ParsedManifest manifest, List<String> after) {
    public Member {
      after = List.copyOf(after);
    }
  }

  /**
   * A daily window in a time zone: a group starts only inside it; one not started by its end waits
   * for the next. {@code end} before {@code start} crosses midnight.
   *
   * @param days the days a window opens on (its start's day); all seven when none were named
   */
  public record ChangeWindow(ZoneId zone, LocalTime start, LocalTime end, Set<DayOfWeek> days) {
    public ChangeWindow {
      days = Set.copyOf(days);
    }
  }
}
