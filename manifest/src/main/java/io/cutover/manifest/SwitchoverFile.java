package io.cutover.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The a3f82bb shape's switchover CR file ({@code spec.gateway.crs.switchover}): read once by init,
 * its text travels in the plan (docs/manifest.md, "spec.gateway").
 */
final class SwitchoverFile {
  private SwitchoverFile() {}

  /**
   * The switchover CR's text, after checking it is a readable YAML Gateway; "" with a problem
   * otherwise.
   */
  static String read(Path file, String path, List<String> problems) {
    String where = path + ": file " + file;
    if (!Files.isRegularFile(file)) {
      problems.add(
          where
              + " does not exist (a relative path is looked for next to the manifest, then in the current directory)");
      return "";
    }
    String text;
    try {
      if (Files.size(file) > ManifestFiles.MAX_BYTES) {
        problems.add(where + " is larger than 1 MiB; check the path");
        return "";
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(
          where + " cannot be read (" + e.getClass().getSimpleName() + "); check its permissions");
      return "";
    }
    StrictYaml.Document doc = StrictYaml.parse(text, "");
    if (!doc.problems().isEmpty()) {
      doc.problems().forEach(p -> problems.add(where + ": " + p));
      return "";
    }
    JsonNode kind = doc.root().get("kind");
    if (!doc.root().isObject() || kind == null || !"Gateway".equals(kind.asText())) {
      problems.add(
          where
              + " is not a Gateway custom resource (kind: Gateway, apiVersion:"
              + " platform.confluent.io/v1beta1)");
      return "";
    }
    // The CR's text travels in the plan: a secret value in it would be in the workflow's history.
    List<CredentialScan.Leak> leaks = CredentialScan.tree(doc.root());
    leaks.forEach(l -> problems.add(l.problem(where + ": ")));
    return leaks.isEmpty() ? text : "";
  }
}
