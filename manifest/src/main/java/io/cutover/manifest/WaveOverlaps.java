package io.cutover.manifest;

import io.cutover.manifest.ParsedWave.Member;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups of one wave share nothing they cut over: a topic mirrored on a cluster link belongs to one
 * group, and a gateway route is fenced and switched by one group, or two cutovers would fence,
 * promote or switch each other's clients.
 */
final class WaveOverlaps {
  private WaveOverlaps() {}

  static void check(List<Member> groups, String path, List<String> problems) {
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

  private static boolean sameGateway(ParsedManifest a, ParsedManifest b) {
    return a.gateway().namespace().equals(b.gateway().namespace())
        && a.gateway().name().equals(b.gateway().name())
        && a.gateway().kubeContext().equals(b.gateway().kubeContext());
  }
}
