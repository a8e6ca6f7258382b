package io.cutover.sandbox.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GroupFiltersTest {

  private static GroupFilters filters(String... entries) {
    return GroupFilters.parse("{\"groupFilters\":[" + String.join(",", entries) + "]}");
  }

  private static String f(String name, String pattern, String type) {
    return "{\"name\":\""
        + name
        + "\",\"patternType\":\""
        + pattern
        + "\",\"filterType\":\""
        + type
        + "\"}";
  }

  @Test
  void literalStarIncludesEveryGroup() {
    GroupFilters all = GroupFilters.parse(GroupFilters.includeAllJson());
    assertTrue(all.matches("anything"));
    assertTrue(all.matches("x"));
  }

  @Test
  void literalAndPrefixedNamesMatchAsDocumented() {
    GroupFilters g = filters(f("billing", "LITERAL", "INCLUDE"), f("team-", "PREFIXED", "INCLUDE"));
    assertTrue(g.matches("billing"));
    assertFalse(g.matches("billing-2"));
    assertTrue(g.matches("team-x"));
    assertFalse(g.matches("a-team-x"));
  }

  @Test
  void excludeWinsOverInclude() {
    GroupFilters g = filters(f("*", "LITERAL", "INCLUDE"), f("tmp-", "PREFIXED", "EXCLUDE"));
    assertTrue(g.matches("orders"));
    assertFalse(g.matches("tmp-1"));
  }

  @Test
  void excludeOnlyOrEmptyFiltersSyncNothing() {
    assertFalse(filters(f("tmp-", "PREFIXED", "EXCLUDE")).matches("orders"));
    assertFalse(GroupFilters.parse("").matches("orders"));
    assertFalse(filters().matches("orders"));
  }

  @Test
  void missingPatternAndFilterTypeDefaultToLiteralInclude() {
    GroupFilters g = GroupFilters.parse("{\"groupFilters\":[{\"name\":\"app\"}]}");
    assertEquals(new GroupFilters.Filter("app", false, true), g.filters().get(0));
  }

  @Test
  void malformedValuesAreRefusedNamingTheProblem() {
    assertTrue(
        assertThrows(LinkApiException.class, () -> GroupFilters.parse("[1]"))
            .getMessage()
            .contains("groupFilters"));
    assertTrue(
        assertThrows(LinkApiException.class, () -> GroupFilters.parse("{\"groupFilters\":[{}]}"))
            .getMessage()
            .contains("name"));
    assertTrue(
        assertThrows(LinkApiException.class, () -> filters(f("a", "LITERAL", "MAYBE")))
            .getMessage()
            .contains("MAYBE"));
  }
}
