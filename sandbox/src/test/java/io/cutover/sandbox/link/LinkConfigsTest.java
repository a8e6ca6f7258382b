package io.cutover.sandbox.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkConfigsTest {
  private static final String FILTER =
      "{\"groupFilters\":[{\"name\":\"app-\",\"patternType\":\"PREFIXED\",\"filterType\":\"INCLUDE\"}]}";

  private final LinkConfigs configs = new LinkConfigs("l", LinkConfigs.sandboxDefaults());

  @Test
  void creationConfigsAreDynamicAndTheRestAreDefaults() {
    assertTrue(configs.syncEnabled());
    assertEquals(1000, configs.syncIntervalMs());
    assertEquals(GroupFilters.includeAllJson(), configs.get(LinkConfigs.GROUP_FILTERS));
    assertFalse(configs.entry(LinkConfigs.SYNC_ENABLE).isDefault());
    LinkConfigEntry acl = configs.entry("acl.sync.ms");
    assertTrue(acl.isDefault());
    assertEquals("5000", acl.value());
    assertTrue(configs.entry("cluster.link.prefix").isReadOnly());
    assertEquals(configs.effective().size(), configs.entries().size());
  }

  @Test
  void disablingSyncClearsTheGroupFilters() {
    configs.alter(List.of(ConfigOp.set(LinkConfigs.SYNC_ENABLE, "false")), false);
    assertFalse(configs.syncEnabled());
    assertEquals("", configs.get(LinkConfigs.GROUP_FILTERS));
    assertTrue(configs.entry(LinkConfigs.GROUP_FILTERS).isDefault());
  }

  @Test
  void resettingTheToggleToItsDefaultAlsoClearsTheFilters() {
    configs.alter(List.of(ConfigOp.delete(LinkConfigs.SYNC_ENABLE)), false);
    assertEquals("false", configs.get(LinkConfigs.SYNC_ENABLE));
    assertEquals("", configs.get(LinkConfigs.GROUP_FILTERS));
  }

  @Test
  void filtersWrittenWhileSyncIsOffAreKept() {
    configs.alter(
        List.of(
            ConfigOp.set(LinkConfigs.SYNC_ENABLE, "false"),
            ConfigOp.set(LinkConfigs.GROUP_FILTERS, FILTER)),
        false);
    assertEquals(
        FILTER,
        configs.get(LinkConfigs.GROUP_FILTERS),
        "the clearing happens on the true-to-false change only");
    configs.alter(List.of(ConfigOp.set(LinkConfigs.SYNC_ENABLE, "false")), false);
    assertEquals(
        FILTER, configs.get(LinkConfigs.GROUP_FILTERS), "writing false again is no transition");
    configs.alter(List.of(ConfigOp.set(LinkConfigs.SYNC_ENABLE, "true")), false);
    assertEquals(FILTER, configs.get(LinkConfigs.GROUP_FILTERS));
  }

  @Test
  void aBatchWithOneInvalidEntryChangesNothing() {
    LinkApiException e =
        assertThrows(
            LinkApiException.class,
            () ->
                configs.alter(
                    List.of(
                        ConfigOp.set(LinkConfigs.SYNC_MS, "2000"),
                        ConfigOp.set(LinkConfigs.SYNC_ENABLE, "yes")),
                    false));
    assertEquals(400, e.httpStatus());
    assertEquals(40002, e.errorCode());
    assertEquals("1000", configs.get(LinkConfigs.SYNC_MS));
  }

  @Test
  void validateOnlyChecksButChangesNothing() {
    configs.alter(List.of(ConfigOp.set(LinkConfigs.SYNC_ENABLE, "false")), true);
    assertTrue(configs.syncEnabled());
    assertEquals(GroupFilters.includeAllJson(), configs.get(LinkConfigs.GROUP_FILTERS));
  }

  @Test
  void invalidValuesAreRefused() {
    for (ConfigOp op :
        List.of(
            ConfigOp.set(LinkConfigs.SYNC_MS, "0"),
            ConfigOp.set(LinkConfigs.SYNC_MS, "soon"),
            ConfigOp.set(LinkConfigs.GROUP_FILTERS, "{"),
            ConfigOp.set(LinkConfigs.SYNC_ENABLE, null),
            ConfigOp.set(
                LinkConfigs.GROUP_FILTERS,
                "{\"groupFilters\":[{\"name\":\"a\",\"patternType\":\"REGEX\"}]}"))) {
      LinkApiException e =
          assertThrows(
              LinkApiException.class, () -> configs.alter(List.of(op), false), op.toString());
      assertEquals(400, e.httpStatus());
    }
  }

  @Test
  void readOnlyAndUnknownConfigsAreRefused() {
    LinkApiException readOnly =
        assertThrows(
            LinkApiException.class,
            () -> configs.alter(List.of(ConfigOp.set("cluster.link.prefix", "x.")), false));
    assertTrue(readOnly.getMessage().contains("read-only"));
    LinkApiException unknown =
        assertThrows(
            LinkApiException.class,
            () -> configs.alter(List.of(ConfigOp.set("link.prefix", "x.")), false));
    assertEquals(400, unknown.httpStatus());
    assertEquals(
        404, assertThrows(LinkApiException.class, () -> configs.entry("link.prefix")).httpStatus());
  }

  @Test
  void creationConfigsAreValidatedToo() {
    assertThrows(
        LinkApiException.class, () -> new LinkConfigs("l", Map.of(LinkConfigs.SYNC_MS, "-5")));
    assertEquals(
        "p.", new LinkConfigs("l", Map.of("cluster.link.prefix", "p.")).get("cluster.link.prefix"));
  }
}
