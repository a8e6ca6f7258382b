package io.cutover.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.workflow.model.CredentialLook;
import io.cutover.workflow.model.PlanSecrecy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds credential values in a YAML/JSON tree with {@link CredentialLook}: every string, with its
 * key (a {@code password:} or {@code authToken:} with a literal value), and every {@code {name:
 * X_PASSWORD, value: ...}} pair. Used for the whole manifest (credentials slots exempted), the
 * switchover CR and the live Gateway CR. Reports field paths and kinds, never values.
 */
public final class CredentialScan {
  private CredentialScan() {}

  /** A credential found at {@code path}; {@code what} says what kind, never the value. */
  public record Leak(String path, String what) {
    /** The problem line: the path, the kind, where the credential belongs instead. */
    public String problem(String prefix) {
      return PlanSecrecy.problem(prefix + path, what);
    }
  }

  /**
   * The only places of a manifest where a credential may be written: a credentials slot written as
   * a mapping is an inline credentials document (the plan carries a reference to it, never its
   * content). A slot written as a string is a file path and is scanned like any other string.
   */
  static final Set<String> MANIFEST_SLOTS =
      Set.of(
          "spec.source.credentials",
          "spec.target.kafka.credentials",
          "spec.target.kafka.restCredentials");

  /** Every credential in a manifest tree outside its credentials slots. */
  static List<Leak> manifest(JsonNode root) {
    List<Leak> out = new ArrayList<>();
    walk(root, "", null, MANIFEST_SLOTS, out);
    return out;
  }

  /** Every credential in a Gateway CR (or any other tree nothing exempts). */
  public static List<Leak> tree(JsonNode root) {
    List<Leak> out = new ArrayList<>();
    walk(root, "", null, Set.of(), out);
    return out;
  }

  private static void walk(
      JsonNode n, String path, String key, Set<String> exempt, List<Leak> out) {
    if (n == null) {
      return;
    }
    if (n.isTextual()) {
      // A slot written as a string is a file path: its key ("credentials") says nothing about the
      // value.
      String context = exempt.contains(path) ? null : key;
      CredentialLook.inField(context, n.textValue())
          .ifPresent(what -> out.add(new Leak(display(path), what)));
      return;
    }
    if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        walk(n.get(i), FieldPaths.index(path, i), key, exempt, out);
      }
      return;
    }
    if (!n.isObject()) {
      return;
    }
    if (exempt.contains(path)) {
      return; // an inline credentials document: CredentialShapes checks its path fields
    }
    JsonNode name = n.get("name");
    JsonNode value = n.get("value");
    boolean secretPair =
        name != null
            && name.isTextual()
            && CredentialLook.secretKey(name.textValue())
            && value != null
            && value.isTextual()
            && !value.textValue().isBlank();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      String child = FieldPaths.child(path, e.getKey());
      String masked = CredentialLook.redact(e.getKey());
      if (!masked.equals(e.getKey())) {
        // A credential written as a key (a URL with user info, say): the path would show it, so it
        // is masked.
        child = FieldPaths.child(path, masked);
        out.add(
            new Leak(
                child, CredentialLook.inValue(e.getKey()).orElse("a credential") + " in a key"));
      }
      if (secretPair
          && e.getKey().equals("value")
          && CredentialLook.inValue(value.textValue()).isEmpty()) {
        out.add(
            new Leak(
                child,
                "a literal value for the secret environment variable \""
                    + name.textValue()
                    + "\""));
        continue;
      }
      walk(e.getValue(), child, e.getKey(), exempt, out);
    }
  }

  private static String display(String path) {
    return path.isEmpty() ? "(document root)" : path;
  }
}
