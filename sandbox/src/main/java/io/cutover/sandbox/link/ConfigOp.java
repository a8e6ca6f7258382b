package io.cutover.sandbox.link;

/**
 * One entry of a {@code PUT .../configs:alter} batch (REST v3 link configs, docs/sandbox.md).
 *
 * @param name config name
 * @param value new value for SET; ignored for DELETE
 * @param operation SET, or DELETE (reset to the default)
 */
public record ConfigOp(String name, String value, Operation operation) {

  /** What the batch entry does. */
  public enum Operation {
    SET,
    DELETE
  }

  /** A SET entry. */
  public static ConfigOp set(String name, String value) {
    return new ConfigOp(name, value, Operation.SET);
  }

  /** A DELETE entry (reset to default). */
  public static ConfigOp delete(String name) {
    return new ConfigOp(name, null, Operation.DELETE);
  }
}
