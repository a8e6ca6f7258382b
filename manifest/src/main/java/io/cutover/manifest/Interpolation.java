package io.cutover.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} expansion for manifests that set {@code interpolate: true} (kcp's rules): only
 * <code>${NAME}</code>, only in string values (never keys, numbers or booleans), <code>$${</code>
 * writes a literal <code>${</code>, and an unset variable is an error naming the variable and the
 * field. Values are never echoed: an expanded value may be a secret.
 */
public final class Interpolation {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Interpolation() {}

  /**
   * A copy of {@code node} with every string value expanded. Problems are added to {@code
   * problems}; a string with a problem is kept unexpanded.
   *
   * @param path the field path of {@code node}, for messages
   */
  public static JsonNode expandTree(
      JsonNode node, String path, Map<String, String> env, List<String> problems) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return JsonNodeFactory.instance.textNode(expand(node.textValue(), path, env, problems));
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        copy.set(
            e.getKey(),
            expandTree(e.getValue(), FieldPaths.child(path, e.getKey()), env, problems));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < node.size(); i++) {
        copy.add(expandTree(node.get(i), FieldPaths.index(path, i), env, problems));
      }
      return copy;
    }
    return node.deepCopy();
  }

  /**
   * Expands one string value.
   *
   * @param path the field path, for messages
   * @return the expanded value, or {@code value} unchanged when it has a problem
   */
  public static String expand(
      String value, String path, Map<String, String> env, List<String> problems) {
    if (value.indexOf('$') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    boolean failed = false;
    int i = 0;
    while (i < value.length()) {
      if (value.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (value.startsWith("${", i)) {
        int close = value.indexOf('}', i + 2);
        if (close < 0) {
          problems.add(
              path
                  + ": \"${\" is not closed by \"}\"; close it, or write \"$${\" for a literal \"${\"");
          return value;
        }
        String name = value.substring(i + 2, close);
        if (!NAME.matcher(name).matches()) {
          problems.add(
              path
                  + ": a ${...} reference must hold only an environment variable name (letters,"
                  + " digits, _; no defaults or spaces); write \"$${\" for a literal \"${\"");
          return value;
        }
        String resolved = env.get(name);
        if (resolved == null) {
          problems.add(
              path
                  + ": environment variable "
                  + name
                  + " is not set (interpolate: true expands ${"
                  + name
                  + "}); set it, or write $${"
                  + name
                  + "} for a literal");
          failed = true;
          resolved = "";
        }
        out.append(resolved);
        i = close + 1;
      } else {
        out.append(value.charAt(i));
        i++;
      }
    }
    return failed ? value : out.toString();
  }
}
