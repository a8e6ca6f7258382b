package io.cutover.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code confluent cutover ...}: the Confluent CLI runs {@code confluent-cutover} from PATH with
 * the remaining arguments. The real shim, linked onto a PATH directory as users install it, must
 * run the {@code cutover} beside it with every argument intact.
 */
class ConfluentPluginShimTest {

  @Test
  void theShimLinkedOntoThePathRunsTheLauncherBesideItWithEveryArgument(@TempDir Path dir)
      throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path shim =
        Files.copy(
            Path.of("..", "confluent-cutover"),
            repo.resolve("confluent-cutover"),
            StandardCopyOption.COPY_ATTRIBUTES);
    Path launcher = repo.resolve("cutover");
    Files.writeString(launcher, "#!/bin/sh\nfor a in \"$@\"; do echo \"[$a]\"; done\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(bin.resolve("confluent-cutover"), shim);

    Process p =
        new ProcessBuilder(
                bin.resolve("confluent-cutover").toString(),
                "execute",
                "orders group",
                "--as",
                "alice")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));

    assertEquals(0, p.exitValue(), out);
    assertEquals(List.of("[execute]", "[orders group]", "[--as]", "[alice]"), out.lines().toList());
  }
}
