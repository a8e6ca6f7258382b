package io.cutover.workflow.model;

import java.time.Duration;
import java.util.List;

/**
 * The kind of value a policy holds: how the manifest reads it, the CLI parses and labels it, and
 * people see it.
 *
 * @param kind what the readers switch on
 * @param javaType the boxed type of the value (the {@link PolicyOverrides} component's type)
 * @param label the value's name in CLI help, e.g. DURATION
 */
public record PolicyType<T>(Kind kind, Class<T> javaType, String label) {

  /** The value kinds the manifest reader and the CLI know how to read. */
  public enum Kind {
    LONG,
    INT,
    DURATION,
    BOOLEAN,
    ENUM
  }

  public static final PolicyType<Duration> DURATION =
      new PolicyType<>(Kind.DURATION, Duration.class, "DURATION");
  public static final PolicyType<Boolean> BOOLEAN =
      new PolicyType<>(Kind.BOOLEAN, Boolean.class, "true|false");

  /** A whole number counted in {@code label}s, e.g. RECORDS. */
  public static PolicyType<Long> whole(String label) {
    return new PolicyType<>(Kind.LONG, Long.class, label);
  }

  /** A whole number that fits an int (a count), e.g. N. */
  public static PolicyType<Integer> count(String label) {
    return new PolicyType<>(Kind.INT, Integer.class, label);
  }

  /** One constant of {@code type}, written in upper case as declared. */
  public static <E extends Enum<E>> PolicyType<E> choice(Class<E> type, String label) {
    return new PolicyType<>(Kind.ENUM, type, label);
  }

  /** The constants an enum policy allows, in declaration order; empty for the other kinds. */
  public List<T> choices() {
    return kind == Kind.ENUM ? List.of(javaType.getEnumConstants()) : List.of();
  }

  /**
   * The value as status, init and the docs show it (and a manifest may write it): 10m, 0, true,
   * ABORT.
   */
  public String format(Object value) {
    return kind == Kind.DURATION ? Durations.format((Duration) value) : String.valueOf(value);
  }
}
