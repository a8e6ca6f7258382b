package io.cutover.demo;

import io.cutover.cli.UnexpectedFailureTest;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The unexpected-failure tests over what ./cutover runs, with cases for dev, demo, sandbox and
 * bench.
 */
class RepositoryFailureTest extends UnexpectedFailureTest {
  @Override
  protected CommandLine commandLine(ApplicationContext ctx) {
    return RepositoryCli.commandLine(ctx);
  }

  @Override
  protected Map<String, List<String>> cases() throws IOException {
    Map<String, List<String>> c = super.cases();
    c.put("dev", List.of("dev", "--port", Integer.toString(freePort())));
    c.put("demo", List.of("demo"));
    c.put("sandbox", List.of("sandbox", "--port", Integer.toString(freePort())));
    c.put("bench", List.of("bench"));
    c.put("bench history", List.of("bench", "history", "--topics", "1", "--rollbacks", "1"));
    // The terminal breaks at its first line, before any sandbox starts.
    c.put(
        "bench fenced",
        List.of(
            "bench",
            "fenced",
            "--topics",
            "1",
            "--out",
            java.nio.file.Files.createTempDirectory("bench-fenced-").toString()));
    // One group: the wave runs in seconds, then the first line breaks the terminal.
    c.put(
        "bench groups",
        List.of("bench", "groups", "--count", "1", "--rogue", "0", "--lag-drain", "1s"));
    return c;
  }
}
