package io.cutover.demo;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parent POM's enforcer rule keeps test and simulation code out of the shipped modules. The
 * project's POMs (no sources: the rule needs only the dependency graph) are copied, one dependency
 * is added to a shipped module, and the real Maven validates them, offline.
 */
class BannedDependenciesIT {
  private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path copy;

  @Test
  void theProjectAsItIsPasses() throws Exception {
    Result r = validate();
    assertEquals(0, r.exit, r.output);
  }

  @Test
  void theSandboxInTheCliFailsTheBuild() throws Exception {
    addDependency("starter-cli", "io.cutover", "cutover-sandbox", "${project.version}");
    Result r = validate();
    assertNotEquals(0, r.exit, r.output);
    assertTrue(r.output.contains("BannedDependencies"), r.output);
    assertTrue(
        r.output.contains("io.cutover:cutover-sandbox:jar:0.1.0-SNAPSHOT <--- banned"), r.output);
    // Transitively too: the sandbox's Kafka test kit would put JUnit on the CLI's runtime
    // classpath.
    assertTrue(
        r.output.contains("org.junit.jupiter:junit-jupiter-api:jar:5.14.0 <--- banned"), r.output);
    assertTrue(
        r.output.contains("must not depend on test or simulation code outside test scope"),
        r.output);
  }

  @Test
  void aMockApiServerInTheWorkerFailsTheBuild() throws Exception {
    addDependency("worker", "io.fabric8", "kubernetes-server-mock", null);
    Result r = validate();
    assertNotEquals(0, r.exit, r.output);
    assertTrue(
        r.output.contains("io.fabric8:kubernetes-server-mock:jar:7.4.0 <--- banned"), r.output);
  }

  @Test
  void aKafkaBrokerInTheReleaseArchiveFailsTheBuild() throws Exception {
    // distribution's lib/ is what users install: the same rule covers it (distribution/README.md).
    addDependency("distribution", "org.apache.kafka", "kafka_2.13", null);
    Result r = validate();
    assertNotEquals(0, r.exit, r.output);
    assertTrue(r.output.contains("org.apache.kafka:kafka_2.13:jar:4.0.2 <--- banned"), r.output);
  }

  private record Result(int exit, String output) {}

  private Result validate() throws IOException, InterruptedException {
    try (Stream<Path> poms = Files.walk(PROJECT, 2)) {
      for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml")).toList()) {
        Path to = copy.resolve(PROJECT.relativize(pom));
        Files.createDirectories(to.getParent());
        if (!Files.exists(to)) {
          Files.copy(pom, to);
        }
      }
    }
    ProcessBuilder pb =
        new ProcessBuilder(
                LauncherIT.which("mvn").toString(), "-B", "-o", "-Dstyle.color=never", "validate")
            .directory(copy.toFile())
            .redirectErrorStream(true);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(3, TimeUnit.MINUTES), "maven ended");
    return new Result(p.exitValue(), out);
  }

  /** Adds a compile-scope dependency to {@code module}'s POM copy, as a careless change would. */
  private void addDependency(String module, String group, String artifact, String version)
      throws IOException {
    Path pom = copy.resolve(module).resolve("pom.xml");
    Files.createDirectories(pom.getParent());
    Files.copy(PROJECT.resolve(module).resolve("pom.xml"), pom);
    String xml = Files.readString(pom);
    String dependency =
        "<dependencies>\n    <dependency>\n      <groupId>"
            + group
            + "</groupId>\n      <artifactId>"
            + artifact
            + "</artifactId>\n"
            + (version == null ? "" : "      <version>" + version + "</version>\n")
            + "    </dependency>";
    Files.writeString(
        pom, xml.replaceFirst("<dependencies>", Matcher.quoteReplacement(dependency)));
  }
}
