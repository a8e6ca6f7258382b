package io.cutover.sandbox.link;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The link's configs (REST v3 link configs, docs/sandbox.md): string values, defaults, read-only
 * keys, validation, and the documented side effect that disabling {@code
 * consumer.offset.sync.enable} CLEARS {@code consumer.offset.group.filters} (Confluent: "If you
 * disable a feature that has filters … cleared"). The clearing happens on the true-to-false
 * transition only; filters written while sync is already off are kept (the real server's behaviour
 * there is not documented). Thread-safe.
 */
final class LinkConfigs {
  static final String SYNC_ENABLE = "consumer.offset.sync.enable";
  static final String SYNC_MS = "consumer.offset.sync.ms";
  static final String GROUP_FILTERS = "consumer.offset.group.filters";

  /**
   * Server defaults; sync defaults follow Confluent Cloud (off; 30000 ms is remembered,
   * unverified).
   */
  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  private static final Set<String> READ_ONLY =
      Set.of("cluster.link.prefix", "link.mode", "connection.mode");

  static {
    DEFAULTS.put(SYNC_ENABLE, "false");
    DEFAULTS.put(SYNC_MS, "30000");
    DEFAULTS.put(GROUP_FILTERS, "");
    DEFAULTS.put("acl.sync.enable", "false");
    DEFAULTS.put("acl.sync.ms", "5000");
    DEFAULTS.put("acl.filters", "");
    DEFAULTS.put("topic.config.sync.ms", "5000");
    DEFAULTS.put("auto.create.mirror.topics.enable", "false");
    DEFAULTS.put("auto.create.mirror.topics.filters", "");
    DEFAULTS.put("consumer.group.prefix.enable", "false");
    DEFAULTS.put("cluster.link.prefix", "");
    DEFAULTS.put("link.mode", "DESTINATION");
    DEFAULTS.put("connection.mode", "OUTBOUND");
  }

  private final String linkName;
  private final Map<String, String> dynamic = new TreeMap<>();

  /**
   * @param initial values set when the link was created (validated like writes; read-only keys
   *     allowed)
   */
  LinkConfigs(String linkName, Map<String, String> initial) {
    this.linkName = linkName;
    initial.forEach(
        (k, v) -> {
          requireKnown(k);
          validate(k, v);
          dynamic.put(k, v);
        });
  }

  /** The sandbox's link-creation configs: offset sync on, every 1000 ms, for every group. */
  static Map<String, String> sandboxDefaults() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(SYNC_ENABLE, "true");
    m.put(SYNC_MS, "1000");
    m.put(GROUP_FILTERS, GroupFilters.includeAllJson());
    return m;
  }

  synchronized Map<String, String> effective() {
    Map<String, String> out = new TreeMap<>(DEFAULTS);
    out.putAll(dynamic);
    return out;
  }

  synchronized List<LinkConfigEntry> entries() {
    List<LinkConfigEntry> out = new ArrayList<>();
    effective().forEach((k, v) -> out.add(entry(k, v)));
    return out;
  }

  /**
   * @throws LinkApiException 404 for an unknown name
   */
  synchronized LinkConfigEntry entry(String name) {
    if (!DEFAULTS.containsKey(name)) {
      throw LinkApiException.notFound(
          "Config '" + name + "' cannot be found for cluster link '" + linkName + "'.");
    }
    return entry(name, dynamic.getOrDefault(name, DEFAULTS.get(name)));
  }

  synchronized String get(String name) {
    return dynamic.getOrDefault(name, DEFAULTS.getOrDefault(name, ""));
  }

  boolean syncEnabled() {
    return "true".equals(get(SYNC_ENABLE));
  }

  long syncIntervalMs() {
    return Long.parseLong(get(SYNC_MS));
  }

  GroupFilters groupFilters() {
    return GroupFilters.parse(get(GROUP_FILTERS));
  }

  /**
   * Applies the batch atomically: every entry is validated first, then all are applied in order.
   * With {@code validateOnly} the checks run and nothing changes.
   *
   * @throws LinkApiException 400 for an unknown, read-only or invalid entry (nothing is changed)
   */
  synchronized void alter(List<ConfigOp> ops, boolean validateOnly) {
    for (ConfigOp op : ops) {
      if (op.name() == null || op.operation() == null) {
        throw LinkApiException.badRequest(
            "every configs:alter entry needs \"name\" and \"operation\" (SET or DELETE)");
      }
      requireKnown(op.name());
      if (READ_ONLY.contains(op.name())) {
        throw LinkApiException.invalidConfig(
            "Config '"
                + op.name()
                + "' is read-only for cluster link '"
                + linkName
                + "' and cannot be changed after the link is created.");
      }
      if (op.operation() == ConfigOp.Operation.SET) {
        validate(op.name(), op.value());
      }
    }
    if (validateOnly) {
      return;
    }
    for (ConfigOp op : ops) {
      boolean wasEnabled = syncEnabled();
      if (op.operation() == ConfigOp.Operation.SET) {
        dynamic.put(op.name(), op.value());
      } else {
        dynamic.remove(op.name());
      }
      if (wasEnabled && !syncEnabled()) {
        dynamic.remove(GROUP_FILTERS); // documented: disabling a feature clears its filters
      }
    }
  }

  private LinkConfigEntry entry(String name, String value) {
    return new LinkConfigEntry(
        name, value, !dynamic.containsKey(name), READ_ONLY.contains(name), false);
  }

  private void requireKnown(String name) {
    if (!DEFAULTS.containsKey(name)) {
      throw LinkApiException.invalidConfig(
          "Unknown cluster link config '"
              + name
              + "' on cluster link '"
              + linkName
              + "'; known configs: "
              + String.join(", ", DEFAULTS.keySet()));
    }
  }

  private static void validate(String name, String value) {
    if (value == null) {
      throw LinkApiException.invalidConfig("Config '" + name + "' needs a string value");
    }
    if (name.endsWith(".enable") && !value.equals("true") && !value.equals("false")) {
      throw LinkApiException.invalidConfig(
          "Config '" + name + "' must be \"true\" or \"false\", got \"" + value + "\"");
    }
    if (name.endsWith(".ms")) {
      long ms;
      try {
        ms = Long.parseLong(value);
      } catch (NumberFormatException e) {
        ms = -1;
      }
      if (ms <= 0) {
        throw LinkApiException.invalidConfig(
            "Config '"
                + name
                + "' must be a positive number of milliseconds, got \""
                + value
                + "\"");
      }
    }
    if (name.equals(GROUP_FILTERS)) {
      GroupFilters.parse(value);
    }
  }
}
