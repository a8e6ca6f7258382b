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
   * Where a manifest writes its policies: the defaults mapping ({@code spec.defaultPolicies}, or
   * v0.11's {@code spec.staticMigration.policies}) and the key that pauses offset sync ({@code
   * spec.clusterLink.pauseConsumerOffsetSync}, or v0.11's {@code consumerOffsetSync.pause}).
   *
   * @param defaults the mapping of every policy but the pause
   * @param pause the mapping that holds the pause
   * @param pauseKey the pause's key in it
   * @param otherKeys further keys the defaults mapping allows, read by other readers
   * @param hints unknown keys of the defaults mapping that deserve a pointer
   */
  record Placement(
      Section defaults,
      Section pause,
      String pauseKey,
      Set<String> otherKeys,
      Map<String, String> hints) {

    /** Where the a3f82bb shape (and those up to kcp's spec.route stage) writes them. */
    static Placement classic(Section defaults, Section clusterLink, Map<String, String> hints) {
      return new Placement(
          defaults,
          clusterLink,
          PolicyCatalog.PAUSE_CONSUMER_OFFSET_SYNC.name(),
          GatewayVerification.KEYS,
          hints);
    }

    Section sectionOf(PolicyDescriptor<?> d) {
      return d.section().equals(PolicyDescriptor.DEFAULT_SECTION) ? defaults : pause;
    }

    String keyOf(PolicyDescriptor<?> d) {
      return d.section().equals(PolicyDescriptor.DEFAULT_SECTION) ? d.name() : pauseKey;
    }
  }

  /**
   * Reads every policy where {@code at} says it is written; checks the keys of the defaults mapping
   * (the pause mapping's keys are its reader's to check).
   *
   * @param cutoverApi whether the cutover-only keys are allowed
   * @param warnings where notes about kcp values read differently go
   */
  static PolicyOverrides read(Placement at, boolean cutoverApi, List<String> warnings) {
    allowOnly(at, cutoverApi);
    PolicyOverrides read = PolicyOverrides.none();
    for (PolicyDescriptor<?> d : PolicyCatalog.ALL) {
      if (!d.section().equals(PolicyDescriptor.DEFAULT_SECTION)
          && !d.equals(PolicyCatalog.PAUSE_CONSUMER_OFFSET_SYNC)) {
        throw new IllegalStateException("no manifest shape places " + d.path());
      }
      Section s = at.sectionOf(d);
      String key = at.keyOf(d);
      if (d.extension() && !cutoverApi) {
        if (s != at.defaults() && s.present(key)) {
          s.problems().add(s.path(key) + ": unknown key; " + ManifestParser.extensionHint());
        }
        continue;
      }
      read = with(read, d, value(s, key, d, cutoverApi, warnings));
    }
    return read;
  }

  /**
   * The defaults mapping: its policies; a policy written elsewhere, or an extension under kcp, gets
   * a pointer.
   */
  private static void allowOnly(Placement at, boolean cutoverApi) {
    Set<String> allowed = new LinkedHashSet<>(at.otherKeys());
    Map<String, String> hints = new HashMap<>(at.hints());
    for (PolicyDescriptor<?> d : PolicyCatalog.ALL) {
      if (at.sectionOf(d) != at.defaults()) {
        hints.put(d.name(), "it belongs in " + at.pause().path(at.keyOf(d)));
      } else if (d.extension() && !cutoverApi) {
        hints.put(d.name(), ManifestParser.extensionHint());
      } else {
        allowed.add(d.name());
      }
    }
    at.defaults().allowOnly(allowed, hints);
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
      Section s, String key, PolicyDescriptor<?> d, boolean cutoverApi, List<String> warnings) {
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
