package io.cutover.worker;

import io.cutover.workflow.MigrationWorkflowImpl;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The Worker Versioning build id: derived from the workflow code itself (a hash of every class of
 * the {@code io.cutover.workflow} package, in name order), so two builds share an id exactly when
 * their workflow code is the same, and a change to it is always a new version.
 */
public final class BuildId {
  static final String PACKAGE = "io/cutover/workflow/";

  private BuildId() {}

  public static String current() {
    try {
      Path location =
          Path.of(
              MigrationWorkflowImpl.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      if (Files.isDirectory(location)) {
        List<Path> classes = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(location.resolve(PACKAGE))) {
          walk.filter(p -> p.toString().endsWith(".class")).forEach(classes::add);
        }
        Collections.sort(classes);
        for (Path p : classes) {
          sha.update(
              location
                  .relativize(p)
                  .toString()
                  .replace('\\', '/')
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
          sha.update(Files.readAllBytes(p));
        }
      } else {
        try (JarFile jar = new JarFile(location.toFile())) {
          List<String> names =
              jar.stream()
                  .map(e -> e.getName())
                  .filter(n -> n.startsWith(PACKAGE) && n.endsWith(".class"))
                  .sorted()
                  .toList();
          for (String n : names) {
            sha.update(n.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try (InputStream in = jar.getInputStream(jar.getEntry(n))) {
              sha.update(in.readAllBytes());
            }
          }
        }
      }
      return "wf-" + HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (IOException | URISyntaxException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(
          "cannot derive the worker's build id from the workflow classes", e);
    }
  }
}
