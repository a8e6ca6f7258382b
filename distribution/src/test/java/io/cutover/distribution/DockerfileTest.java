package io.cutover.distribution;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine builds the image here, so its recipe is checked instead: the runtime stage
 * copies only the extracted release archive, so the image's jars are the archive's (which
 * ReleaseArchiveIT checks).
 */
class DockerfileTest {
  /** One instruction, continuation lines joined. */
  private record Instruction(String keyword, String args) {}

  private record Stage(String from, List<Instruction> instructions) {}

  private static List<Stage> stages() throws Exception {
    String text = Files.readString(Path.of("..", "Dockerfile")).replace("\\\n", " ");
    List<Stage> stages = new ArrayList<>();
    for (String line : text.lines().map(String::strip).toList()) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] words = line.split("\\s+", 2);
      Instruction i =
          new Instruction(words[0].toUpperCase(Locale.ROOT), words.length > 1 ? words[1] : "");
      if (i.keyword().equals("FROM")) {
        stages.add(new Stage(i.args(), new ArrayList<>()));
      } else {
        assertFalse(stages.isEmpty(), "an instruction before the first FROM: " + line);
        stages.get(stages.size() - 1).instructions().add(i);
      }
    }
    return stages;
  }

  private static List<Instruction> all(Stage s, String keyword) {
    return s.instructions().stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  @Test
  void theBuildStageBuildsAndExtractsTheReleaseArchive() throws Exception {
    Stage build = stages().get(0);
    assertTrue(build.from().endsWith(" AS build"), build.from());
    String run = String.join(" && ", all(build, "RUN").stream().map(Instruction::args).toList());
    assertTrue(run.contains("mvn -B -q -DskipTests package -pl distribution -am"), run);
    assertTrue(run.contains("tar -xzf distribution/target/cutover-*.tar.gz -C /opt/cutover"), run);
    assertFalse(
        run.contains("copy-dependencies"),
        "the jar list is the archive's, not a second one: " + run);
    assertFalse(run.matches(".*\\binstall\\b.*"), "package, not install: " + run);
  }

  @Test
  void theRuntimeStageCopiesOnlyTheExtractedArchive() throws Exception {
    List<Stage> stages = stages();
    Stage runtime = stages.get(stages.size() - 1);
    List<Instruction> copies = new ArrayList<>(all(runtime, "COPY"));
    copies.addAll(all(runtime, "ADD"));
    assertEquals(
        List.of(new Instruction("COPY", "--from=build /opt/cutover /opt/cutover")), copies);
    assertEquals(
        List.of(new Instruction("ENTRYPOINT", "[\"/opt/cutover/bin/cutover\"]")),
        all(runtime, "ENTRYPOINT"));
    assertEquals(List.of(new Instruction("CMD", "[\"worker\"]")), all(runtime, "CMD"));
    assertEquals(List.of(new Instruction("USER", "cutover")), all(runtime, "USER"));
  }
}
