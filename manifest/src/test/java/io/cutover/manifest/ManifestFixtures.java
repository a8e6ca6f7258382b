package io.cutover.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Locates the manifest fixtures and reads what they declare about themselves. */
final class ManifestFixtures {

  private static final Pattern SECRET_VALUE =
      Pattern.compile("(?m)^\\s*(?:password|passwd|api_secret|token)\\s*:\\s*[\"']?([^\"'\\s#:]+)");

  private ManifestFixtures() {}

  static Path root() {
    try {
      return Path.of(ManifestFixtures.class.getResource("/manifests").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path valid(String name) {
    return root().resolve("valid").resolve(name);
  }

  static Path files() {
    return root().resolve("files");
  }

  static List<Path> yamlFiles(String dir) {
    try (Stream<Path> s = Files.list(root().resolve(dir))) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The {@code # expect: } header lines: one per problem; " ... " separates fragments of one
   * problem.
   */
  static List<String> expectations(Path file) {
    List<String> out = new ArrayList<>();
    for (String line : read(file).split("\n")) {
      if (line.startsWith("# expect: ")) {
        out.add(line.substring("# expect: ".length()));
      }
    }
    return out;
  }

  /** Whether {@code problem} contains every fragment of {@code expectation}, in order. */
  static boolean matches(String problem, String expectation) {
    int at = 0;
    for (String fragment : expectation.split(" \\.\\.\\. ")) {
      int i = problem.indexOf(fragment, at);
      if (i < 0) {
        return false;
      }
      at = i + fragment.length();
    }
    return true;
  }

  /**
   * The {@code # sentinel: } header: the distinctive credential a fixture writes where none
   * belongs, or null.
   */
  static String sentinel(Path file) {
    for (String line : read(file).split("\n")) {
      if (line.startsWith("# sentinel: ")) {
        return line.substring("# sentinel: ".length()).trim();
      }
    }
    return null;
  }

  /**
   * Every secret-looking value (password, api_secret, token, the sentinel) written in {@code
   * files}.
   */
  static List<String> secretsIn(List<Path> files) {
    List<String> out = new ArrayList<>();
    for (Path f : files) {
      if (sentinel(f) != null) {
        out.add(sentinel(f));
      }
      Matcher m = SECRET_VALUE.matcher(read(f));
      while (m.find()) {
        if (!m.group(1).startsWith("${")) {
          out.add(m.group(1));
        }
      }
    }
    return out;
  }

  /** Names, sizes and modification times under the fixture root: proves a parse wrote nothing. */
  static Map<String, String> snapshot() {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root())) {
      for (Path p : s.toList()) {
        out.put(
            root().relativize(p).toString(),
            Files.isDirectory(p)
                ? "dir"
                : Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The environment every fixture is parsed with. */
  static Map<String, String> env() {
    return Map.of(
        "HOME", "/home/operator",
        "MIGRATION_NAME", "orders-interp",
        "MSK_BROKER", "b-9.msk.example.com",
        "SRC_USER", "interp-user",
        "SRC_PASSWORD", "env-src-secret-61d0",
        "CC_CLUSTER", "lkc-int001",
        "CC_KEY", "INTERPKEY",
        "CC_SECRET", "env-dest-secret-2e77",
        "FILES_DIR", files().toString());
  }

  static List<String> envSecrets() {
    return List.of("env-src-secret-61d0", "env-dest-secret-2e77");
  }
}
