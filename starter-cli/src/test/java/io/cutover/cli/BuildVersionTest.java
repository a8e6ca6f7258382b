package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

/** {@code cutover --version} prints the version Maven built, not a number written in the source. */
class BuildVersionTest {

  @Test
  void versionIsTheMavenProjectVersion() {
    // Set by surefire from ${project.version} (starter-cli/pom.xml).
    String built = System.getProperty("cutover.build.version");
    assertNotNull(built, "run through Maven: surefire passes the project version");
    try (ApplicationContext ctx = ApplicationContext.run()) {
      CliRun r = CliRun.run(ctx, "--version");
      assertEquals(0, r.exit(), r.all());
      assertEquals("cutover " + built + "\n", r.out());
    }
    assertEquals(built, BuildVersion.current());
  }

  @Test
  void everyCommandPrintsTheSameVersion() {
    try (ApplicationContext ctx = ApplicationContext.run()) {
      CliRun r = CliRun.run(ctx, "worker", "--version");
      assertEquals(0, r.exit(), r.all());
      assertEquals("cutover " + BuildVersion.current() + "\n", r.out());
    }
  }
}
