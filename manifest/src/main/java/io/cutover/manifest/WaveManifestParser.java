package io.cutover.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.manifest.ParsedWave.Approval;
import io.cutover.manifest.ParsedWave.ChangeWindow;
import io.cutover.manifest.ParsedWave.FailurePolicy;
import io.cutover.manifest.ParsedWave.Member;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code kind: MigrationWave} manifest ({@code cutover.io/v1alpha1}): the groups of one
 * wave, each a {@code GatewayMigration} manifest (kcp's or ours, unchanged) named by a path
 * relative to the wave file, read by {@link ManifestParser}. Strict as that parser is: every
 * problem, of the wave and of each member (prefixed with the member's field path), is collected and
 * thrown together; nothing is written (docs/manifest.md, "Waves").
 */
public final class WaveManifestParser {
  public static final String KIND = "MigrationWave";

  private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec");
  private static final Set<String> SPEC =
      Set.of("groups", "concurrency", "onFailure", "approval", "window");
  private static final Set<String> GROUP = Set.of("manifest", "after");
  private static final Set<String> WINDOW = Set.of("timeZone", "start", "end", "days");

  private final ManifestParser members;

  /** Reads the members with {@code members}, as {@code cutover init} would. */
  public WaveManifestParser(ManifestParser members) {
    this.members = members;
  }

  /**
   * Parses and checks {@code wave} and every manifest it names.
   *
   * @throws ManifestException with every problem found
   */
  public ParsedWave parse(Path wave) throws ManifestException {
    Path file = wave.toAbsolutePath().normalize();
    List<String> warnings = new ArrayList<>();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ManifestException(
          file,
          List.of("cannot read the wave manifest (" + e.getClass().getSimpleName() + ")"),
          warnings);
    }
    StrictYaml.Document doc = StrictYaml.parse(text, "");
    List<String> problems = new ArrayList<>(doc.problems());
    if (doc.root() == null || !doc.root().isObject()) {
      problems.add(
          "the wave manifest must be a YAML mapping with apiVersion, kind, metadata, spec");
      throw new ManifestException(file, problems, warnings);
    }
    JsonNode root = doc.root();
    Section top = Section.of(root, "", problems);
    top.allowOnly(TOP, Map.of());
    String apiVersion = top.text("apiVersion");
    if (!ManifestParser.CUTOVER_API_VERSION.equals(apiVersion)) {
      problems.add(
          "apiVersion: must be \""
              + ManifestParser.CUTOVER_API_VERSION
              + "\" (waves are a cutover extension; their members may be kcp manifests)");
    }
    String kind = top.text("kind");
    if (!KIND.equals(kind)) {
      problems.add(
          "kind: must be \""
              + KIND
              + "\""
              + (ManifestParser.KIND.equals(kind)
                  ? ": this is one group's manifest; run cutover init on it, or name it in a wave's"
                      + " spec.groups"
                  : ""));
    }
    Section metadata = top.section("metadata", true);
    metadata.allowOnly(Set.of("name"), Map.of());
    String name = metadata.requiredText("name", "(it names the wave and its workflow)");
    Section spec = top.section("spec", true);
    spec.allowOnly(SPEC, Map.of());

    int concurrency = concurrency(spec, problems);
    FailurePolicy onFailure =
        choice(spec, "onFailure", FailurePolicy.class, FailurePolicy.STOP, problems);
    Approval approval = choice(spec, "approval", Approval.class, Approval.GROUP, problems);
    ChangeWindow window = window(spec.section("window", false), problems);
    List<Member> groups = groups(file, spec, problems, warnings);
    List<String> order = List.of();
    // Once every member reads: the positions of the groups are then the manifest's.
    if (problems.isEmpty()) {
      order = WaveOrder.of(groups, "spec.groups", problems);
      WaveOverlaps.check(groups, concurrency, "spec.groups", problems);
    }
    if (!problems.isEmpty()) {
      throw new ManifestException(file, problems, warnings);
    }
    return new ParsedWave(
        file, name, concurrency, onFailure, approval, window, groups, order, warnings);
  }

  private static int concurrency(Section spec, List<String> problems) {
    Long n = spec.integer("concurrency");
    if (n == null) {
      return 1;
    }
    if (n < 1 || n > 1000) {
      problems.add(
          spec.path("concurrency")
              + ": must be between 1 and 1000 (how many groups cut over at once), got "
              + n);
      return 1;
    }
    return n.intValue();
  }

  private static <E extends Enum<E>> E choice(
      Section s, String key, Class<E> type, E fallback, List<String> problems) {
    String v = s.text(key);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(v)) {
        return e;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      allowed.add(e.name().toLowerCase(Locale.ROOT));
    }
    problems.add(
        s.path(key) + ": must be one of " + String.join(", ", allowed) + ", got \"" + v + "\"");
    return fallback;
  }

  private static ChangeWindow window(Section w, List<String> problems) {
    if (w.absent()) {
      return null;
    }
    w.allowOnly(WINDOW, Map.of());
    ZoneId zone = null;
    String z = w.requiredText("timeZone", "(an IANA zone such as Europe/Berlin or UTC)");
    if (z != null) {
      try {
        zone = ZoneId.of(z);
      } catch (DateTimeException e) {
        problems.add(
            w.path("timeZone")
                + ": \""
                + z
                + "\" is not a time zone; use an IANA name such as Europe/Berlin, America/New_York"
                + " or UTC");
      }
    }
    LocalTime start = time(w, "start", problems);
    LocalTime end = time(w, "end", problems);
    if (start != null && start.equals(end)) {
      problems.add(
          w.path("end")
              + ": equals start, which leaves no time to start a group; omit window to allow any"
              + " time");
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    List<String> named = w.strings("days");
    for (int i = 0; named != null && i < named.size(); i++) {
      DayOfWeek d = day(named.get(i));
      if (d == null) {
        problems.add(
            w.path("days")
                + "["
                + i
                + "]: \""
                + named.get(i)
                + "\" is not a day; use mon, tue, wed, thu, fri, sat or sun");
      } else {
        days.add(d);
      }
    }
    if (days.isEmpty()) {
      days = EnumSet.allOf(DayOfWeek.class);
    }
    return zone == null || start == null || end == null
        ? null
        : new ChangeWindow(zone, start, end, days);
  }

  private static LocalTime time(Section w, String key, List<String> problems) {
    String v = w.requiredText(key, "(a time of day, HH:MM, in timeZone)");
    if (v == null) {
      return null;
    }
    try {
      if (!v.matches("\\d{2}:\\d{2}")) {
        throw new DateTimeParseException("not HH:MM", v, 0);
      }
      return LocalTime.parse(v);
    } catch (DateTimeParseException e) {
      problems.add(w.path(key) + ": must be a time of day as HH:MM (24 h), such as 22:00");
      return null;
    }
  }

  private static DayOfWeek day(String v) {
    String d = v.trim().toUpperCase(Locale.ROOT);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (d.length() >= 3 && day.name().startsWith(d)) {
        return day;
      }
    }
    return null;
  }

  private List<Member> groups(
      Path file, Section spec, List<String> problems, List<String> warnings) {
    JsonNode list = spec.raw("groups");
    String path = spec.path("groups");
    if (list == null || list.isNull()) {
      if (!spec.absent()) {
        problems.add(path + ": required (the groups of the wave, each a manifest: path)");
      }
      return List.of();
    }
    if (!list.isArray() || list.isEmpty()) {
      problems.add(path + ": must be a list with at least one group (- manifest: orders.yaml)");
      return List.of();
    }
    Map<String, Member> byName = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      Section g = Section.of(list.get(i), path + "[" + i + "]", problems);
      g.allowOnly(GROUP, Map.of());
      String manifest =
          g.requiredText("manifest", "(a GatewayMigration file, relative to this one)");
      List<String> after = g.strings("after");
      if (manifest == null) {
        continue;
      }
      Path member = file.getParent().resolve(manifest).normalize();
      ParsedManifest parsed;
      try {
        parsed = members.parse(member);
      } catch (ManifestException e) {
        String where = g.path("manifest") + " (" + manifest + ")";
        e.problems().forEach(p -> problems.add(where + ": " + p));
        continue;
      }
      parsed.warnings().forEach(w -> warnings.add(g.path("manifest") + ": " + w));
      Member m = new Member(parsed.name(), parsed, after == null ? List.of() : after);
      Member earlier = byName.putIfAbsent(parsed.name(), m);
      if (earlier != null) {
        problems.add(
            g.path("manifest")
                + ": its metadata.name \""
                + parsed.name()
                + "\" is also another group's; each group needs its own name (it is the group's"
                + " workflow id)");
      }
    }
    return List.copyOf(byName.values());
  }
}
