package io.cutover.manifest;

import io.cutover.workflow.model.PolicyCatalog;
import io.cutover.workflow.model.PolicyDescriptor;
import io.cutover.workflow.model.PolicyOverrides;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policies a manifest sets, read as {@link PolicyOverrides} by their descriptors ({@link
 * PolicyCatalog}): each from the mapping its descriptor names, typed by its descriptor's type. A
 * field the manifest does not set stays null, so the defaults apply. The value checks themselves
 * are {@code Policies.problems}, run by the parser on the overlay.
 */
final class PolicyReader {

  private PolicyReader() {}

  /**
   * Reads every policy from {@code sections}, which must hold each mapping a descriptor names;
   * checks the keys of spec.defaultPolicies (the other mappings' keys are their readers' to check).
   *
   * @param cutoverApi whether the cutover-only keys are allowed
   * @param warnings where notes about kcp values read differently go
   */
  static PolicyOverrides read(List<Section> sections, boolean cutoverApi, List<String> warnings) {
    PolicyOverrides read = PolicyOverrides.none();
    for (Section s : sections) {
      if (s.path().equals(PolicyDescriptor.DEFAULT_SECTION)) {
        allowOnly(s, cutoverApi);
      }
    }
    for (PolicyDescriptor<?> d : PolicyCatalog.ALL) {
      Section s =
          sections.stream()
              .filter(x -> x.path().equals(d.section()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no reader passes " + d.section() + " for " + d.name()));
      if (d.extension() && !cutoverApi) {
        if (!d.section().equals(PolicyDescriptor.DEFAULT_SECTION) && s.present(d.name())) {
          s.problems().add(s.path(d.name()) + ": unknown key; " + ManifestParser.extensionHint());
        }
        continue;
      }
      read = with(read, d, value(s, d, cutoverApi, warnings));
    }
    return read;
  }

  /**
   * spec.defaultPolicies: its policies; a policy written elsewhere, or an extension under kcp, gets
   * a pointer.
   */
  private static void allowOnly(Section s, boolean cutoverApi) {
    Set<String> allowed = new LinkedHashSet<>();
    Map<String, String> hints = new HashMap<>();
    for (PolicyDescriptor<?> d : PolicyCatalog.ALL) {
      if (!d.section().equals(s.path())) {
        hints.put(d.name(), "it belongs in " + d.section() + " (" + d.path() + ")");
      } else if (d.extension() && !cutoverApi) {
        hints.put(d.name(), ManifestParser.extensionHint());
      } else {
        allowed.add(d.name());
      }
    }
    s.allowOnly(allowed, hints);
  }

  private static <T> PolicyOverrides with(
      PolicyOverrides read, PolicyDescriptor<T> d, Object value) {
    return read.with(d, d.type().javaType().cast(value));
  }

  /**
   * The value at {@code d}'s key read as its type; null (with a problem when wrong) if it is not
   * one.
   */
  private static Object value(
      Section s, PolicyDescriptor<?> d, boolean cutoverApi, List<String> warnings) {
    String key = d.name();
    return switch (d.type().kind()) {
      case LONG -> s.integer(key);
      case INT -> {
        Long v = s.integer(key);
        if (v != null && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) {
          s.problems().add(s.path(key) + ": must be at most " + Integer.MAX_VALUE + ", got " + v);
          yield null;
        }
        yield v == null ? null : v.intValue();
      }
      case DURATION -> {
        Duration v = s.duration(key);
        if (d.equals(PolicyCatalog.ROLLOUT_TIMEOUT) && v != null && v.isZero() && !cutoverApi) {
          // kcp reads 0 as "no deadline"; every gateway wait here is bounded, so keep the default.
          warnings.add(
              s.path(key)
                  + ": 0 means \"no deadline\" to kcp; cutover always bounds gateway waits and"
                  + " uses the default ("
                  + d.type().format(d.defaultValue())
                  + ") instead. Set a duration such as 15m"
                  + " to choose another bound");
          yield null;
        }
        yield v;
      }
      case BOOLEAN -> s.bool(key);
      case ENUM -> choice(s, key, d.type().choices());
    };
  }

  private static Object choice(Section s, String key, List<?> choices) {
    String v = s.text(key);
    if (v == null || v.isEmpty()) {
      return null;
    }
    for (Object e : choices) {
      if (((Enum<?>) e).name().equals(v.trim())) {
        return e;
      }
    }
    s.problems().add(s.path(key) + ": must be one of " + choices + ", got \"" + v + "\"");
    return null;
  }
}
