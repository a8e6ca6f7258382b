package io.cutover.distribution;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release's bin/cutover (src/bin/cutover) in a scratch install, with stand-in {@code java}
 * commands that print a given version and record how they were called. PATH holds only the tools
 * the script uses.
 */
class StartScriptTest {
  @TempDir Path dir;

  private Path home;
  private Path tools;
  private Path calls;

  @BeforeEach
  void install() throws IOException {
    home = dir.resolve("cutover-1.2.3");
    Files.createDirectories(home.resolve("bin"));
    Files.createDirectories(home.resolve("lib"));
    Path script = Files.copy(Path.of("src/bin/cutover"), home.resolve("bin/cutover"));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    tools = Files.createDirectories(dir.resolve("tools"));
    for (String tool : List.of("sh", "dirname", "readlink", "sed", "head", "echo")) {
      Files.createSymbolicLink(tools.resolve(tool), Processes.which(tool));
    }
    calls = dir.resolve("calls");
  }

  /** A java that answers -version like {@code version} would and records any other call. */
  private Path java(Path binDir, String versionLine) throws IOException {
    Files.createDirectories(binDir);
    Path java = binDir.resolve("java");
    Files.writeString(
        java,
        "#!"
            + Processes.which("sh")
            + "\n"
            + "if [ \"$1\" = -version ]; then echo '"
            + versionLine
            + "' >&2; exit 0; fi\n"
            + "for a in \"$@\"; do echo \"[$a]\"; done > "
            + calls
            + "\n"
            + "echo \"JAVA_TOOL_OPTIONS=$JAVA_TOOL_OPTIONS\" >> "
            + calls
            + "\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return java;
  }

  private Processes cutover(Map<String, String> env, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(List.of(home.resolve("bin/cutover").toString()));
    command.addAll(List.of(args));
    return Processes.run(env, command);
  }

  @Test
  void runsTheCliOnLibWithJavaOptsAndEveryArgument() throws Exception {
    java(dir.resolve("jdk21/bin"), "openjdk version \"21.0.2\" 2024-01-16");
    Processes r =
        cutover(
            Map.of(
                "PATH",
                dir.resolve("jdk21/bin") + ":" + tools,
                "JAVA_OPTS",
                "-Xmx1g -Da=b",
                "JAVA_TOOL_OPTIONS",
                "-Dtool=1"),
            "status",
            "orders group");
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        List.of(
            "[-Xmx1g]",
            "[-Da=b]",
            "[-cp]",
            "[" + home + "/lib/*]",
            "[io.cutover.cli.CutoverCli]",
            "[status]",
            "[orders group]",
            "JAVA_TOOL_OPTIONS=-Dtool=1"),
        Files.readAllLines(calls));
  }

  @Test
  void javaHomeWinsOverPath() throws Exception {
    java(dir.resolve("old/bin"), "openjdk version \"11.0.2\" 2019-01-15");
    java(dir.resolve("jdk17/bin"), "openjdk version \"17.0.15\" 2025-04-15");
    Processes r =
        cutover(
            Map.of(
                "PATH",
                dir.resolve("old/bin") + ":" + tools,
                "JAVA_HOME",
                dir.resolve("jdk17").toString()),
            "--version");
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.readString(calls).contains("[--version]"));
  }

  @Test
  void aLinkOntoPathStillFindsLib() throws Exception {
    java(dir.resolve("jdk17/bin"), "openjdk version \"17\" 2021-09-14");
    Path onPath = Files.createDirectories(dir.resolve("local/bin"));
    Files.createSymbolicLink(onPath.resolve("cutover"), home.resolve("bin/cutover"));
    Processes r =
        Processes.run(
            Map.of("PATH", dir.resolve("jdk17/bin") + ":" + tools),
            List.of(onPath.resolve("cutover").toString(), "list"));
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.readAllLines(calls).contains("[" + home + "/lib/*]"), Files.readString(calls));
  }

  @Test
  void anOldJavaIsRefusedWithWhatToInstall() throws Exception {
    for (String line :
        List.of("openjdk version \"11.0.2\" 2019-01-15", "java version \"1.8.0_402\"")) {
      Path java = java(dir.resolve("old/bin"), line);
      Processes r = cutover(Map.of("PATH", dir.resolve("old/bin") + ":" + tools), "list");
      assertEquals(1, r.exit(), r.err());
      assertEquals(
          "cutover: Java 17 or newer is needed, but "
              + java
              + " is version "
              + line.replaceAll(".*\"(.*)\".*", "$1")
              + ": install Java 17+ and put it on PATH, or set JAVA_HOME to it.\n",
          r.err());
      assertFalse(Files.exists(calls), "the CLI did not run");
    }
  }

  @Test
  void noJavaAtAllSaysWhatToInstall() throws Exception {
    Processes r = cutover(Map.of("PATH", tools.toString()), "list");
    assertEquals(1, r.exit());
    assertTrue(
        r.err().startsWith("cutover: Java 17 or newer is needed and none was found: install one"),
        r.err());
  }

  @Test
  void aJavaHomeWithoutJavaIsNamed() throws Exception {
    java(dir.resolve("jdk17/bin"), "openjdk version \"17.0.15\" 2025-04-15");
    Processes r =
        cutover(
            Map.of("PATH", dir.resolve("jdk17/bin") + ":" + tools, "JAVA_HOME", "/nowhere"),
            "list");
    assertEquals(1, r.exit());
    assertTrue(
        r.err()
            .startsWith(
                "cutover: JAVA_HOME is /nowhere, but /nowhere/bin/java is not an executable"),
        r.err());
    assertFalse(Files.exists(calls), "the java on PATH was not used instead");
  }
}
