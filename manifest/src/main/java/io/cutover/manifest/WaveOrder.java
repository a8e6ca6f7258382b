package io.cutover.manifest;

import io.cutover.manifest.ParsedWave.Member;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order a wave's groups may start in: every group after the groups its {@code after} names,
 * otherwise in the manifest's order. A name that is no group of the wave, a group after itself and
 * a cycle are problems.
 */
final class WaveOrder {
  private WaveOrder() {}

  /**
   * @param groups in the manifest's order ({@code path[i]} is {@code groups.get(i)})
   * @return the names in a start order; empty when there were problems
   */
  static List<String> of(List<Member> groups, String path, List<String> problems) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < groups.size(); i++) {
      index.put(groups.get(i).name(), i);
    }
    int before = problems.size();
    for (int i = 0; i < groups.size(); i++) {
      Member g = groups.get(i);
      for (int j = 0; j < g.after().size(); j++) {
        String dep = g.after().get(j);
        String at = path + "[" + i + "].after[" + j + "]";
        if (dep.equals(g.name())) {
          problems.add(
              at + ": \"" + dep + "\" is this group itself; a group cannot wait for itself");
        } else if (!index.containsKey(dep)) {
          problems.add(
              at
                  + ": \""
                  + dep
                  + "\" is no group of this wave; name a group by its manifest's metadata.name ("
                  + String.join(", ", index.keySet().stream().sorted().toList())
                  + ")");
        }
      }
    }
    if (problems.size() > before) {
      return List.of();
    }
    List<String> order = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    while (order.size() < groups.size()) {
      Member next = null;
      for (Member g : groups) {
        if (!placed.contains(g.name()) && placed.containsAll(g.after())) {
          next = g;
          break;
        }
      }
      if (next == null) {
        problems.add(path + ": the after lists form a cycle: " + cycle(groups, placed));
        return List.of();
      }
      placed.add(next.name());
      order.add(next.name());
    }
    return order;
  }

  /** One cycle among the groups not placed, as "a -> b -> a" (each waits for the next). */
  private static String cycle(List<Member> groups, Set<String> placed) {
    Map<String, Member> left = new HashMap<>();
    groups.stream().filter(g -> !placed.contains(g.name())).forEach(g -> left.put(g.name(), g));
    Member at = groups.stream().filter(g -> left.containsKey(g.name())).findFirst().orElseThrow();
    List<String> seen = new ArrayList<>();
    while (!seen.contains(at.name())) {
      seen.add(at.name());
      at = left.get(at.after().stream().filter(left::containsKey).findFirst().orElseThrow());
    }
    List<String> loop = new ArrayList<>(seen.subList(seen.indexOf(at.name()), seen.size()));
    loop.add(at.name());
    return String.join(" -> ", loop)
        + " (each waits for the next); remove one of these after entries";
  }
}
