package io.cutover.sandbox;

import io.cutover.sandbox.gateway.KroxyGateway;
import io.cutover.sandbox.workload.Workload;
import java.nio.file.Path;
import java.util.List;

/**
 * One migration group of the sandbox: its route on the shared Gateway, the proxy that serves the
 * route, its own topics and the manifest that cuts them over.
 *
 * @param name the group's {@code metadata.name} (its workflow id is {@code migration-<name>})
 * @param route the route of the Gateway CR the group fences and switches
 * @param topics the group's topics, disjoint from every other group's
 * @param gateway the proxy behind the route; the group's clients know only its address
 * @param manifest the group's manifest, for {@code cutover init} or a wave's {@code groups}
 */
public record SandboxGroup(
    String name, String route, List<String> topics, KroxyGateway gateway, Path manifest) {
  public SandboxGroup {
    topics = List.copyOf(topics);
  }

  /**
   * Real clients of this group's topics, through its route; their consumer group is {@link
   * Workload#GROUP} followed by the group's name.
   */
  public Workload workload(int recordsPerSecond) {
    return new Workload(gateway.bootstrap(), topics, recordsPerSecond, Workload.GROUP + "-" + name);
  }
}
