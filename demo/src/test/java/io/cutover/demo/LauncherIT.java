package io.cutover.demo;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./cutover} script, copied into a scratch project. A real build of the whole
 * project takes minutes and would rewrite the classes these tests run from, so {@code mvn} is a
 * stand-in that records its call, runs the real Maven on an empty project (so its terminal output
 * is real) and writes the classpath a build would; {@code java} records its call. An integration
 * test: each case starts Maven, about 3 s of CPU, too slow for the unit-test loop.
 */
class LauncherIT {
  private final Instant built = Instant.now().minusSeconds(60);

  @TempDir Path root;

  private Path bin;
  private Path calls;
  private Path jar;

  @BeforeEach
  void project() throws IOException {
    Files.copy(Path.of("..", "cutover"), root.resolve("cutover"));
    Files.createDirectories(root.resolve("demo/target/classes"));
    Path source = root.resolve("workflows/src/main/java/Step.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "class Step {}");
    Files.setLastModifiedTime(source, FileTime.from(built.minusSeconds(60)));
    Files.writeString(
        root.resolve("pom.xml"),
        """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>io.cutover</groupId>
          <artifactId>cutover-parent</artifactId>
          <version>9.9.9</version>
          <packaging>pom</packaging>
        </project>
        """);
    Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.from(built.minusSeconds(60)));
    jar = root.resolve("workflows/target/cutover-workflows.jar");
    calls = root.resolve("calls.log");
    bin = Files.createDirectory(root.resolve("bin"));
    for (String tool : List.of("bash", "dirname", "find", "touch", "cat", "rm", "mv")) {
      Files.createSymbolicLink(bin.resolve(tool), which(tool));
    }
    script("java", "echo \"java $*\" >> " + calls + "\necho the-cli-ran");
  }

  /**
   * The state after a complete build: classpath recorded, every entry present, stamp newer than
   * sources.
   */
  private void built() throws IOException {
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "jar");
    Path target = root.resolve("demo/target");
    Files.writeString(target.resolve("classpath.txt"), jar.toString());
    Files.writeString(target.resolve(".launcher-built"), "");
    Files.setLastModifiedTime(target.resolve(".launcher-built"), FileTime.from(built));
  }

  /**
   * A Maven stand-in: records the call, runs the real mvn on the empty pom, then writes what a
   * build writes.
   */
  private void maven(int exitCode) throws IOException {
    script(
        "mvn",
        "echo \"mvn $* MAVEN_OPTS=$MAVEN_OPTS\" >> "
            + calls
            + "\n"
            + "export PATH="
            + System.getenv("PATH")
            + "\n"
            + which("mvn")
            + " -B -q -o -f "
            + root.resolve("pom.xml")
            + " validate || exit 9\n"
            + (exitCode != 0
                ? "echo '[ERROR] COMPILATION ERROR' >&2; exit " + exitCode + "\n"
                : "mkdir -p "
                    + jar.getParent()
                    + " && echo jar > "
                    + jar
                    + "\n"
                    + "echo -n "
                    + jar
                    + " > "
                    + root.resolve("demo/target/classpath.txt")
                    + "\n"));
  }

  @Test
  void aPartialCleanIsNoticedAndRebuiltBeforeTheCliRuns() throws Exception {
    built();
    maven(0);
    Files.delete(jar); // what `mvn -pl workflows clean test` leaves: the recorded jar is gone
    Run r = launch("status", "orders");
    assertEquals(0, r.exit, r.err);
    assertTrue(
        r.err.contains("workflows/target/cutover-workflows.jar is gone, a partial mvn clean?"),
        r.err);
    List<String> log = Files.readAllLines(calls);
    assertEquals(2, log.size(), log.toString());
    assertTrue(log.get(0).startsWith("mvn -B -q"), "the build ran first, in batch mode: " + log);
    assertEquals(
        "java -cp "
            + root.resolve("demo/target/classes")
            + ":"
            + jar
            + " io.cutover.demo.RepositoryCli status orders",
        log.get(1));
    assertEquals("the-cli-ran\n", r.out);
  }

  @Test
  void theFirstBuildPrintsNoRawEscapeCodes() throws Exception {
    maven(0);
    Run r = launch("--help");
    assertEquals(0, r.exit, r.err);
    assertTrue(
        r.err.startsWith(
            "Building Cutover (first run; about a minute)...\n"
                + "To install Cutover where there is no clone, use the release archive distribution/target/cutover-9.9.9.tar.gz"
                + " (mvn -B -DskipTests package -pl distribution -am; README.md, Install).\n"),
        r.err);
    assertFalse(
        r.err.contains("\u001b"), "no terminal escape codes: " + r.err.replace("\u001b", "ESC"));
    assertTrue(
        Files.readString(calls).contains("MAVEN_OPTS= -Djansi.noreset=true"),
        Files.readString(calls));
  }

  @Test
  void anUpToDateBuildRunsTheCliWithoutBuilding() throws Exception {
    built();
    maven(0);
    Run r = launch("list");
    assertEquals(0, r.exit, r.err);
    assertEquals("", r.err);
    assertEquals(1, Files.readAllLines(calls).size(), Files.readString(calls));
  }

  @Test
  void aSourceChangedSinceTheBuildIsBuilt() throws Exception {
    built();
    maven(0);
    Files.writeString(
        root.resolve("workflows/src/main/java/Step.java"), "class Step { int changed; }");
    Run r = launch("list");
    assertEquals(0, r.exit, r.err);
    assertTrue(r.err.contains("Building Cutover (sources changed;"), r.err);
  }

  @Test
  void withoutMavenAPartialCleanSaysExactlyWhatToRun() throws Exception {
    built();
    Files.delete(jar);
    Run r = launch("list");
    assertEquals(1, r.exit);
    assertTrue(
        r.err.contains("a build is needed (workflows/target/cutover-workflows.jar is gone"), r.err);
    assertTrue(r.err.contains("cd " + root + " && mvn -B -DskipTests package -pl demo -am"), r.err);
    assertFalse(Files.exists(calls), "the CLI did not run on a broken classpath");
  }

  @Test
  void aFailedBuildSaysSoAndRunsNothing() throws Exception {
    maven(1);
    Run r = launch("list");
    assertEquals(1, r.exit);
    assertTrue(r.err.contains("COMPILATION ERROR"), "Maven's own errors are shown: " + r.err);
    assertTrue(r.err.contains("cutover: the build failed (Maven's errors are above)"), r.err);
    assertFalse(Files.readString(calls).contains("java "), "the CLI did not run");
    assertFalse(
        Files.exists(root.resolve("demo/target/.launcher-built")), "the next run builds again");
  }

  private record Run(int exit, String out, String err) {}

  private Run launch(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(bin.resolve("bash").toString(), root.resolve("cutover").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", bin.toString());
    env.put("HOME", System.getProperty("user.home"));
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the launcher ended");
    return new Run(p.exitValue(), out, err);
  }

  private void script(String name, String body) throws IOException {
    Path s = bin.resolve(name);
    Files.writeString(s, "#!" + which("bash") + "\n" + body + "\n");
    Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Where {@code tool} is on PATH; BannedDependenciesIT finds Maven with it too. */
  static Path which(String tool) {
    for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException(tool + " is not on PATH");
  }
}
