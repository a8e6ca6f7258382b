package io.cutover.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One mapping of a YAML tree, read with its field path. Every typed getter records a problem (path
 * + what is expected) instead of throwing, so a whole manifest is checked in one pass. Getters
 * never echo the value they refuse unless the caller says the field is not secret.
 */
final class Section {

  private final ObjectNode node;
  private final String path;
  private final List<String> problems;
  private final boolean absent;

  private Section(ObjectNode node, String path, List<String> problems, boolean absent) {
    this.node = node;
    this.path = path;
    this.problems = problems;
    this.absent = absent;
  }

  /**
   * A section for {@code value}; an absent or non-mapping value becomes an empty section (with a
   * problem when wrong).
   */
  static Section of(JsonNode value, String path, List<String> problems) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return new Section(JsonNodeFactory.instance.objectNode(), path, problems, true);
    }
    if (!value.isObject()) {
      problems.add(path + ": must be a mapping (key: value lines), got " + kind(value));
      return new Section(JsonNodeFactory.instance.objectNode(), path, problems, true);
    }
    return new Section((ObjectNode) value, path, problems, false);
  }

  /**
   * True when the mapping itself is missing or wrong: that is already reported, so its required
   * fields are not reported again one by one.
   */
  boolean absent() {
    return absent;
  }

  String path() {
    return path;
  }

  String path(String key) {
    return FieldPaths.child(path, key);
  }

  List<String> problems() {
    return problems;
  }

  boolean has(String key) {
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  boolean present(String key) {
    return node.has(key);
  }

  JsonNode raw(String key) {
    return node.get(key);
  }

  Set<String> keys() {
    Set<String> keys = new TreeSet<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /**
   * Reports every key not in {@code allowed}. {@code hints} gives a specific explanation for known
   * keys that are not allowed here (e.g. a cutover extension under the kcp apiVersion).
   */
  void allowOnly(Set<String> allowed, Map<String, String> hints) {
    Iterator<String> it = node.fieldNames();
    while (it.hasNext()) {
      String key = it.next();
      if (allowed.contains(key)) {
        continue;
      }
      String hint = hints.get(key);
      if (hint == null) {
        String near = nearest(key, allowed);
        // A typo of a key allowed here first; else the same key where the schema has it.
        String suggestion =
            near != null
                ? "did you mean \"" + near + "\"? "
                : ManifestSchema.elsewhere(path, key)
                    .map(p -> "did you mean " + p + "? ")
                    .orElse("");
        hint = suggestion + "allowed here: " + String.join(", ", new TreeSet<>(allowed));
      }
      problems.add(path(key) + ": unknown key; " + hint);
    }
  }

  /** A sub-section; a required one that is absent is a problem ({@code <path>: required}). */
  Section section(String key, boolean required) {
    if (required && !has(key) && !absent) {
      problems.add(path(key) + ": required");
    }
    return of(node.get(key), path(key), problems);
  }

  /** The string at {@code key}: "" when absent or null, null (with a problem) when not a string. */
  String text(String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      problems.add(path(key) + ": must be a string, got " + kind(v) + " (quote it)");
      return null;
    }
    return v.textValue();
  }

  /** A string that must be present and not blank; {@code why} ends the message. */
  String requiredText(String key, String why) {
    String v = text(key);
    if (v != null && v.isBlank()) {
      if (!absent) {
        problems.add(path(key) + ": must not be empty" + (why.isEmpty() ? "" : " " + why));
      }
      return null;
    }
    return v;
  }

  Boolean bool(String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      problems.add(path(key) + ": must be true or false, got " + kind(v));
      return null;
    }
    return v.booleanValue();
  }

  Long integer(String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      problems.add(path(key) + ": must be a whole number, got " + kind(v));
      return null;
    }
    return v.longValue();
  }

  Duration duration(String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      // kcp refuses a bare 0 as well (docs/manifest.md, "Durations"): a unit says what was meant.
      problems.add(
          path(key)
              + ": must be a duration string such as 90s or 10m; a bare number has no unit"
              + (v.isIntegralNumber() && v.longValue() == 0 ? " (write 0s)" : ""));
      return null;
    }
    if (!v.isTextual()) {
      problems.add(path(key) + ": must be a duration string such as 90s or 10m, got " + kind(v));
      return null;
    }
    try {
      return GoDuration.parse(v.textValue());
    } catch (IllegalArgumentException e) {
      problems.add(path(key) + ": " + e.getMessage());
      return null;
    }
  }

  /** A list of strings: null when absent; problems for a non-list or non-string items. */
  List<String> strings(String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      problems.add(path(key) + ": must be a list (- item lines), got " + kind(v));
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (item.isTextual()) {
        out.add(item.textValue());
      } else {
        problems.add(FieldPaths.index(path(key), i) + ": must be a string, got " + kind(item));
        out.add(null);
      }
    }
    return out;
  }

  static String kind(JsonNode v) {
    if (v == null || v.isNull()) {
      return "nothing";
    }
    if (v.isObject()) {
      return "a mapping";
    }
    if (v.isArray()) {
      return "a list";
    }
    if (v.isBoolean()) {
      return "a boolean";
    }
    if (v.isNumber()) {
      return "a number";
    }
    return "a string";
  }

  /** The allowed key within edit distance 2 of {@code key}, if any (typo help). */
  private static String nearest(String key, Set<String> allowed) {
    String best = null;
    int bestDistance = 3;
    for (String a : allowed) {
      int d = distance(key.toLowerCase(Locale.ROOT), a.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = a;
        bestDistance = d;
      }
    }
    return best;
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
