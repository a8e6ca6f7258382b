package io.cutover.manifest;

import io.cutover.workflow.model.PolicyCatalog;
import io.cutover.workflow.model.PolicyDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every field of the manifest (credential documents aside), by path; the policies come from their
 * descriptors. The readers take the keys each mapping allows from here, and an unknown key is
 * looked up here too: {@code spec.lagThreshold} is a field written at the wrong level, and the
 * problem can say where it belongs.
 */
final class ManifestSchema {
  static final List<String> FIELDS =
      Stream.concat(
              Stream.of(
                  "apiVersion",
                  "kind",
                  "metadata.name",
                  "interpolate",
                  "spec.source.type",
                  "spec.source.bootstrapServers",
                  "spec.source.credentials",
                  "spec.target.type",
                  "spec.target.clusterId",
                  "spec.target.kafka.bootstrapServers",
                  "spec.target.kafka.restEndpoint",
                  "spec.target.kafka.credentials",
                  "spec.target.kafka.restCredentials",
                  "spec.target.kafka.clusterCredentials",
                  "spec.clusterLink.name",
                  "spec.clusterLink.bootstrapServers",
                  "spec.clusterLink.linkCredentials",
                  "spec.clusterLink.consumerOffsetSyncBaseline",
                  "spec.gateway.namespace",
                  "spec.gateway.kubeconfig",
                  "spec.gateway.kubeContext",
                  "spec.gateway.targetStreamingDomain",
                  "spec.gateway.cr-name",
                  "spec.topicGroup",
                  "spec.route.name",
                  "spec.route.topicGroup",
                  "spec.route.targetStreamingDomain",
                  "spec.staticMigration.route.name",
                  "spec.staticMigration.route.targetStreamingDomain",
                  "spec.staticMigration.topicGroup",
                  "spec.staticMigration.consumerOffsetSync.pause",
                  "spec.staticMigration.consumerOffsetSync.baseline",
                  "spec.staticMigration.policies",
                  "spec.dynamicMigration",
                  "spec.dynamicToStaticConversion",
                  "spec.defaultPolicies.hotReloadTimeout",
                  "spec.defaultPolicies.gatewayConfigPort",
                  "spec.gateway.crs.initial",
                  "spec.gateway.crs.switchover",
                  "spec.gateway.fence.routes",
                  "spec.topics"),
              PolicyCatalog.ALL.stream().map(PolicyDescriptor::path).sorted())
          .toList();

  private ManifestSchema() {}

  /** The keys the mapping at {@code section} allows ({@code ""} is the document root). */
  static Set<String> keys(String section) {
    String prefix = section.isEmpty() ? "" : section + ".";
    Set<String> keys = new LinkedHashSet<>();
    for (String f : FIELDS) {
      if (f.startsWith(prefix)) {
        keys.add(f.substring(prefix.length()).split("\\.")[0]);
      }
    }
    return keys;
  }

  /**
   * The field elsewhere in the schema that an unknown {@code key} in the mapping at {@code section}
   * most likely is: the same name (or one typo off) at another level. Closest spelling first, then
   * the one sharing most of the path, then the shortest.
   */
  static Optional<String> elsewhere(String section, String key) {
    record Candidate(String path, int typos, int shared) {}
    List<Candidate> found = new ArrayList<>();
    for (String f : FIELDS) {
      int dot = f.lastIndexOf('.');
      String parent = dot < 0 ? "" : f.substring(0, dot);
      String name = f.substring(dot + 1);
      if (parent.equals(section)) {
        continue; // allowed right here: not a misplaced key
      }
      int typos = Section.distance(key.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
      if (typos == 0 || (typos == 1 && key.length() > 4)) {
        found.add(new Candidate(f, typos, sharedPrefix(section, parent)));
      }
    }
    return found.stream()
        .min(
            Comparator.comparingInt(Candidate::typos)
                .thenComparing(Comparator.comparingInt(Candidate::shared).reversed())
                .thenComparingInt(c -> c.path().length()))
        .map(Candidate::path);
  }

  /** How many leading path segments two paths share. */
  private static int sharedPrefix(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    int n = 0;
    while (n < x.length && n < y.length && !x[n].isEmpty() && x[n].equals(y[n])) {
      n++;
    }
    return n;
  }
}
