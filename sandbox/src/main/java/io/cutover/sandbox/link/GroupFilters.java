package io.cutover.sandbox.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code consumer.offset.group.filters} value (REST v3 link configs, docs/sandbox.md): {@code
 * {"groupFilters":[{"name":..,"patternType":"LITERAL|PREFIXED","filterType":"INCLUDE|EXCLUDE"}]}}.
 *
 * <p>Matching, as Confluent documents filters: a group is synced when at least one INCLUDE filter
 * matches it and no EXCLUDE filter does (EXCLUDE wins). LITERAL {@code "*"} matches every group. An
 * empty value or an empty list matches nothing. Where the real server's handling of a missing
 * {@code patternType}/{@code filterType} is not documented, the simulator assumes LITERAL/INCLUDE.
 */
public record GroupFilters(List<Filter> filters) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** No filters: nothing is synced. */
  public static final GroupFilters NONE = new GroupFilters(List.of());

  public GroupFilters {
    filters = List.copyOf(filters);
  }

  /**
   * One filter.
   *
   * @param name group name, prefix, or "*"
   * @param prefixed true for PREFIXED, false for LITERAL
   * @param include true for INCLUDE, false for EXCLUDE
   */
  public record Filter(String name, boolean prefixed, boolean include) {
    boolean matches(String group) {
      if (prefixed) {
        return group.startsWith(name);
      }
      return name.equals("*") || name.equals(group);
    }
  }

  /**
   * Parses a config value; "" (or blank) is {@link #NONE}.
   *
   * @throws LinkApiException 400 naming what is wrong
   */
  public static GroupFilters parse(String json) {
    if (json == null || json.isBlank()) {
      return NONE;
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw LinkApiException.invalidConfig(
          "consumer.offset.group.filters is not valid JSON: expected "
              + "{\"groupFilters\":[{\"name\":..,\"patternType\":\"LITERAL|PREFIXED\",\"filterType\":\"INCLUDE|EXCLUDE\"}]}");
    }
    JsonNode list = root == null ? null : root.get("groupFilters");
    if (list == null || !list.isArray()) {
      throw LinkApiException.invalidConfig(
          "consumer.offset.group.filters must be an object with a \"groupFilters\" array");
    }
    List<Filter> out = new ArrayList<>();
    for (JsonNode f : list) {
      String name = f.path("name").asText("");
      if (name.isEmpty()) {
        throw LinkApiException.invalidConfig(
            "consumer.offset.group.filters: every filter needs a non-empty \"name\"");
      }
      String pattern = f.path("patternType").asText("LITERAL");
      String type = f.path("filterType").asText("INCLUDE");
      if (!pattern.equals("LITERAL") && !pattern.equals("PREFIXED")) {
        throw LinkApiException.invalidConfig(
            "consumer.offset.group.filters: patternType \""
                + pattern
                + "\" is not LITERAL or PREFIXED");
      }
      if (!type.equals("INCLUDE") && !type.equals("EXCLUDE")) {
        throw LinkApiException.invalidConfig(
            "consumer.offset.group.filters: filterType \"" + type + "\" is not INCLUDE or EXCLUDE");
      }
      out.add(new Filter(name, pattern.equals("PREFIXED"), type.equals("INCLUDE")));
    }
    return new GroupFilters(out);
  }

  /** The filter value that includes every group (what kcp writes). */
  public static String includeAllJson() {
    return "{\"groupFilters\":[{\"name\":\"*\",\"patternType\":\"LITERAL\",\"filterType\":\"INCLUDE\"}]}";
  }

  /** True when some INCLUDE filter matches {@code group} and no EXCLUDE filter does. */
  public boolean matches(String group) {
    boolean included = false;
    for (Filter f : filters) {
      if (f.matches(group)) {
        if (!f.include()) {
          return false;
        }
        included = true;
      }
    }
    return included;
  }
}
