package io.cutover.demo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.demo.bench.FencedRun.Config;
import io.cutover.demo.bench.FencedRun.Gateway;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which configurations {@code cutover bench fenced} runs, and how each is named. */
class FencedBenchConfigsTest {

  private static FencedBenchCommand command(boolean full) {
    FencedBenchCommand c = new FencedBenchCommand();
    c.sizes = List.of(10, 100, 1000);
    c.verify = Duration.ofSeconds(10);
    c.drain = Duration.ofSeconds(3);
    c.full = full;
    return c;
  }

  @Test
  void theDefaultSetVariesEachSettingAloneAndRunsTheBaselineOnAHotReloadGatewayToo() {
    List<Config> configs = command(false).configs();

    assertEquals(8, configs.size(), configs.toString());
    List<Config> hot = configs.stream().filter(c -> c.gateway() == Gateway.HOT_RELOAD).toList();
    assertEquals(1, hot.size(), configs.toString());
    assertEquals(
        "topics=100 strategy=batched verify_s=0 drain_s=0 gateway=hot-reload", hot.get(0).label());
    assertEquals("fenced-100-batched-verify0s-drain0s-hot-reload", hot.get(0).fileName());
    assertTrue(configs.get(0).label().endsWith(" gateway=rolling"), "the baseline rolls its pods");
    assertEquals("fenced-100-batched-verify0s-drain0s", configs.get(0).fileName());
  }

  @Test
  void fullRunsEveryCombinationOnBothGateways() {
    List<Config> configs = command(true).configs();

    assertEquals(3 * 2 * 2 * 2 * 2, configs.size());
    assertEquals(
        configs.size() / 2,
        configs.stream().filter(c -> c.gateway() == Gateway.HOT_RELOAD).count());
  }

  @Test
  void aNegativeWarmupIsAUsageErrorNamingTheOption() {
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cli = new picocli.CommandLine(new FencedBenchCommand());
    cli.setErr(new java.io.PrintWriter(err));
    int exit = cli.execute("--warmup", "-1", "--out", System.getProperty("java.io.tmpdir"));

    assertEquals(2, exit, err.toString());
    assertTrue(err.toString().contains("--warmup must be 0 or more"), err.toString());
  }
}
