package io.cutover.worker;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporal's standard client configuration, Cutover's earlier names as aliases, and no silent
 * choice.
 */
class TemporalEnvironmentTest {

  @Test
  void theStandardVariablesAreReadAsEveryTemporalClientReadsThem() {
    var c =
        TemporalEnvironment.resolve(
            Map.of(
                "TEMPORAL_ADDRESS",
                "temporal.example.com:7233",
                "TEMPORAL_NAMESPACE",
                "orders",
                "TEMPORAL_API_KEY",
                "key-Sentinel-81f2"),
            null,
            null);

    assertEquals("temporal.example.com:7233", c.address());
    assertEquals("orders", c.namespace());
    assertEquals("key-Sentinel-81f2", c.profile().getApiKey());
    assertTrue(c.stubOptions(c.address()).build().getEnableHttps(), "an API key turns TLS on");
    assertFalse(c.toString().contains("Sentinel"), "the key never reaches a log line: " + c);
  }

  @Test
  void cutoversEarlierNamesStillWork() {
    var c =
        TemporalEnvironment.resolve(
            Map.of("TEMPORAL_TARGET", "old.example.com:7233", "TEMPORAL_TLS_ENABLED", "true"),
            null,
            null);

    assertEquals("old.example.com:7233", c.address());
    assertEquals(false, c.profile().getTls().isDisabled());
  }

  @Test
  void aSettingGivenTwiceWithDifferentValuesIsRefusedNamingBoth() {
    var e =
        assertThrows(
            TemporalEnvironment.ConfigException.class,
            () ->
                TemporalEnvironment.resolve(
                    Map.of(
                        "TEMPORAL_TARGET",
                        "a.example.com:7233",
                        "TEMPORAL_ADDRESS",
                        "b.example.com:7233"),
                    null,
                    null));

    assertTrue(e.getMessage().contains("TEMPORAL_TARGET=a.example.com:7233"), e.getMessage());
    assertTrue(e.getMessage().contains("TEMPORAL_ADDRESS=b.example.com:7233"), e.getMessage());
    assertTrue(e.getMessage().contains("set only TEMPORAL_ADDRESS"), e.getMessage());
  }

  @Test
  void theSameValueUnderBothNamesIsFine() {
    var c =
        TemporalEnvironment.resolve(
            Map.of(
                "TEMPORAL_TARGET", "a.example.com:7233", "TEMPORAL_ADDRESS", "a.example.com:7233"),
            null,
            null);
    assertEquals("a.example.com:7233", c.address());
  }

  @Test
  void aProfileOfTheTomlFileIsReadAndTheEnvironmentOverridesIt(@TempDir Path dir) throws Exception {
    Path toml = dir.resolve("temporal.toml");
    Files.writeString(
        toml,
        "[profile.default]\naddress = \"localhost:7233\"\n\n[profile.cloud]\n"
            + "address = \"us-east-1.aws.api.temporal.io:7233\"\nnamespace = \"orders.a1b2c\"\n");

    var cloud =
        TemporalEnvironment.resolve(
            Map.of("TEMPORAL_CONFIG_FILE", toml.toString(), "TEMPORAL_PROFILE", "cloud"),
            null,
            null);
    var overridden =
        TemporalEnvironment.resolve(
            Map.of(
                "TEMPORAL_CONFIG_FILE",
                toml.toString(),
                "TEMPORAL_PROFILE",
                "cloud",
                "TEMPORAL_NAMESPACE",
                "payments.a1b2c"),
            null,
            null);

    assertEquals("us-east-1.aws.api.temporal.io:7233", cloud.address());
    assertEquals("orders.a1b2c", cloud.namespace());
    assertEquals("payments.a1b2c", overridden.namespace());
  }

  @Test
  void anUnreadableProfileNamesTheFileAndTheFix(@TempDir Path dir) throws Exception {
    Path toml = dir.resolve("temporal.toml");
    Files.writeString(toml, "[profile.default\naddress = ");

    var e =
        assertThrows(
            TemporalEnvironment.ConfigException.class,
            () ->
                TemporalEnvironment.resolve(
                    Map.of("TEMPORAL_CONFIG_FILE", toml.toString()), null, null));
    assertTrue(e.getMessage().contains(toml.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("TEMPORAL_CONFIG_FILE"), e.getMessage());
  }

  @Test
  void nothingSetFallsBackToTheSettingsThenToALocalServer() {
    assertEquals("127.0.0.1:7233", TemporalEnvironment.resolve(Map.of(), null, null).address());
    assertEquals("default", TemporalEnvironment.resolve(Map.of(), null, null).namespace());
    assertEquals(
        "fallback:7233", TemporalEnvironment.resolve(Map.of(), "fallback:7233", "ns").address());
  }
}
