package io.cutover.manifest;

import io.cutover.manifest.ParsedWave.Member;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Groups of one wave share nothing they cut over: a topic mirrored on a cluster link belongs to one
 * group, and a gateway route is fenced and switched by one group, or two cutovers would fence,
 * promote or switch each other's clients. Pausing consumer offset sync is a switch of the whole
 * link ({@code consumer.offset.sync.enable}), so two groups that pause it on one link must not run
 * at once: one restoring sync would turn it back on in the middle of the other's cutover.
 */
final class WaveOverlaps {
  private WaveOverlaps() {}

  static void check(List<Member> groups, int concurrency, String path, List<String> problems) {
    for (int i = 0; i < groups.size(); i++) {
      for (int j = 0; j < i; j++) {
        ParsedManifest a = groups.get(j).manifest();
        ParsedManifest b = groups.get(i).manifest();
        String at = path + "[" + i + "]";
        String other = "group " + groups.get(j).name() + " (" + path + "[" + j + "])";
        if (a.linkName().equals(b.linkName())) {
          List<String> shared = new ArrayList<>(b.topics());
          shared.retainAll(a.topics());
          if (!shared.isEmpty()) {
            problems.add(
                at
                    + ": topic(s) "
                    + String.join(", ", shared.subList(0, Math.min(5, shared.size())))
                    + (shared.size() > 5 ? " and " + (shared.size() - 5) + " more" : "")
                    + " on link "
                    + b.linkName()
                    + " also belong to "
                    + other
                    + "; a topic is cut over by one group only");
          }
        }
        if (concurrency > 1
            && a.linkName().equals(b.linkName())
            && pauses(a)
            && pauses(b)
            && !ordered(groups, i, j)) {
          problems.add(
              at
                  + ": pauses consumer offset sync on link "
                  + b.linkName()
                  + " as "
                  + other
                  + " does, and the two may run at once (spec.concurrency "
                  + concurrency
                  + "); the pause is one setting of the whole link (consumer.offset.sync.enable),"
                  + " so one group's restore would end the other's pause: put one after the other"
                  + " (after: ["
                  + groups.get(j).name()
                  + "]), set spec.concurrency: 1, or pause in one of them only");
        }
        if (sameGateway(a, b)) {
          List<String> shared = new ArrayList<>(b.gateway().fenceRoutes());
          shared.retainAll(a.gateway().fenceRoutes());
          if (!shared.isEmpty()) {
            problems.add(
                at
                    + ": route(s) "
                    + String.join(", ", shared)
                    + " of gateway "
                    + b.gateway().namespace()
                    + "/"
                    + b.gateway().name()
                    + " are also fenced by "
                    + other
                    + "; give each group its own route");
          }
        }
      }
    }
  }

  private static boolean pauses(ParsedManifest m) {
    return Boolean.TRUE.equals(m.policies().pauseConsumerOffsetSync());
  }

  /** Whether one of the two groups waits, through its after lists, for the other. */
  private static boolean ordered(List<Member> groups, int i, int j) {
    return reaches(groups, groups.get(i).name(), groups.get(j).name(), new HashSet<>())
        || reaches(groups, groups.get(j).name(), groups.get(i).name(), new HashSet<>());
  }

  private static boolean reaches(List<Member> groups, String from, String to, Set<String> seen) {
    if (!seen.add(from)) {
      return false;
    }
    for (Member m : groups) {
      if (m.name().equals(from)) {
        for (String before : m.after()) {
          if (before.equals(to) || reaches(groups, before, to, seen)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean sameGateway(ParsedManifest a, ParsedManifest b) {
    return a.gateway().namespace().equals(b.gateway().namespace())
        && a.gateway().name().equals(b.gateway().name())
        && a.gateway().kubeContext().equals(b.gateway().kubeContext());
  }
}
