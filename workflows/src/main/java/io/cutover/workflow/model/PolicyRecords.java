package io.cutover.workflow.model;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads and builds {@link Policies} and {@link PolicyOverrides} by component name, so that a
 * descriptor needs no getter or constructor call of its own. {@link PolicyCatalog} checks when it
 * loads that its descriptors and both records' components agree, name by name and in order.
 */
final class PolicyRecords {
  private PolicyRecords() {}

  static Object read(Record r, String name) {
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      if (c.getName().equals(name)) {
        try {
          return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read policy " + name, e);
        }
      }
    }
    throw new IllegalArgumentException(r.getClass().getSimpleName() + " has no policy " + name);
  }

  /** A new {@code type} whose components are {@code valueOf} each component's name. */
  static <R extends Record> R build(Class<R> type, Function<String, Object> valueOf) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = Arrays.stream(components).map(c -> valueOf.apply(c.getName())).toArray();
    try {
      Constructor<R> canonical =
          type.getDeclaredConstructor(
              Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
      return canonical.newInstance(values);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "cannot build " + type.getSimpleName() + " from " + List.of(values), e);
    }
  }

  /** Why {@code descriptors} and {@code type}'s components disagree, or null when they agree. */
  static String disagreement(
      Class<? extends Record> type, List<PolicyDescriptor<?>> descriptors, boolean boxed) {
    RecordComponent[] components = type.getRecordComponents();
    for (int i = 0; i < Math.max(components.length, descriptors.size()); i++) {
      if (i >= descriptors.size()) {
        return type.getSimpleName()
            + "."
            + components[i].getName()
            + " has no descriptor in PolicyCatalog.ALL";
      }
      PolicyDescriptor<?> d = descriptors.get(i);
      if (i >= components.length || !components[i].getName().equals(d.name())) {
        return "descriptor "
            + i
            + " of PolicyCatalog.ALL is "
            + d.name()
            + ", but component "
            + i
            + " of "
            + type.getSimpleName()
            + " is "
            + (i >= components.length ? "missing" : components[i].getName())
            + ": declare each policy in both records and the catalog, in the same order";
      }
      Class<?> expected = boxed ? d.type().javaType() : unboxed(d.type().javaType());
      if (components[i].getType() != expected) {
        return type.getSimpleName()
            + "."
            + d.name()
            + " is a "
            + components[i].getType().getSimpleName()
            + ", but its descriptor's type needs "
            + expected.getSimpleName();
      }
    }
    return null;
  }

  /**
   * Policies holds long, int and boolean as primitives (that is its JSON); everything else as is.
   */
  private static Class<?> unboxed(Class<?> c) {
    return c == Long.class
        ? long.class
        : c == Integer.class ? int.class : c == Boolean.class ? boolean.class : c;
  }
}
