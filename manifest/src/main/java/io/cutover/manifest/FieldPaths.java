package io.cutover.manifest;

/** Field paths as shown in problems: {@code spec.gateway.fence.routes[1]}. */
public final class FieldPaths {
  private FieldPaths() {}

  /** {@code parent.key}, or {@code key} at the root. */
  public static String child(String parent, String key) {
    if (parent == null || parent.isEmpty()) {
      return key;
    }
    return parent.endsWith(".") ? parent + key : parent + "." + key;
  }

  /** {@code parent[index]}. */
  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
