package io.cutover.manifest;

import io.cutover.manifest.CredentialSlots.Slot;
import io.cutover.workflow.model.CredentialRef;
import io.cutover.workflow.model.DestinationCluster;
import io.cutover.workflow.model.SourceCluster;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code spec.source}, {@code spec.target}, {@code spec.clusterLink} and {@code spec.topics}
 * (the gateway block is {@link GatewayReader}). Collects problems; returns what it could read.
 */
final class SpecReader {

  static final String CLUSTER_LINK_NAME_WHY = "(the link must already exist)";
  private static final Pattern HOST_PORT =
      Pattern.compile(
          "(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?):([0-9]{1,5})");

  private final CredentialSlots slots;
  private final boolean cutoverApi;
  private final List<String> warnings;

  SpecReader(CredentialSlots slots, boolean cutoverApi, List<String> warnings) {
    this.slots = slots;
    this.cutoverApi = cutoverApi;
    this.warnings = warnings;
  }

  SourceCluster source(Section s) {
    s.allowOnly(ManifestSchema.keys("spec.source"), Map.of());
    String type = s.text("type");
    List<String> kcpTypes = List.of("msk", "apache-kafka");
    if (type != null && !s.absent()) {
      if (type.isBlank()) {
        s.problems()
            .add(
                s.path("type")
                    + ": must not be empty (one of "
                    + String.join(", ", sourceTypes())
                    + ")");
      } else if (type.equals("confluent-platform") && !cutoverApi) {
        s.problems()
            .add(
                s.path("type")
                    + ": unsupported value \"confluent-platform\" (supported: msk, apache-kafka);"
                    + " a Confluent Platform source is a cutover extension: set apiVersion: "
                    + ManifestParser.CUTOVER_API_VERSION
                    + " to use it");
      } else if (!sourceTypes().contains(type)) {
        s.problems()
            .add(
                s.path("type")
                    + ": unsupported value \""
                    + type
                    + "\" (supported: "
                    + String.join(", ", cutoverApi ? sourceTypes() : kcpTypes)
                    + ")");
      }
    }
    List<String> bootstrap = bootstrapServers(s, "bootstrapServers");
    CredentialRef creds =
        s.absent()
            ? null
            : slots.read(s.raw("credentials"), s.path("credentials"), Slot.SOURCE_KAFKA);
    return new SourceCluster(nullToEmpty(type), bootstrap, orNone(creds));
  }

  private List<String> sourceTypes() {
    return cutoverApi
        ? List.of("msk", "apache-kafka", "confluent-platform")
        : List.of("msk", "apache-kafka");
  }

  /**
   * {@code spec.target}; the REST credentials may be kcp's {@code spec.clusterLink.linkCredentials}
   * instead of {@code spec.target.kafka.restCredentials}, and the Kafka ones its {@code
   * clusterCredentials} instead of {@code credentials} (the same documents under later names).
   */
  DestinationCluster target(Section s, Section clusterLink) {
    s.allowOnly(ManifestSchema.keys("spec.target"), Map.of());
    String type = s.text("type");
    if (type != null && !s.absent()) {
      if (type.isBlank()) {
        s.problems()
            .add(
                s.path("type")
                    + ": must not be empty (one of confluent-cloud, confluent-platform)");
      } else if (!type.equals("confluent-cloud") && !type.equals("confluent-platform")) {
        s.problems()
            .add(
                s.path("type")
                    + ": unsupported value \""
                    + type
                    + "\" (supported: confluent-cloud, confluent-platform)");
      }
    }
    String clusterId = s.text("clusterId");
    if (clusterId != null && clusterId.isBlank() && !s.absent()) {
      s.problems()
          .add(
              s.path("clusterId")
                  + ": must not be empty (the destination cluster id, e.g. lkc-abc123;"
                  + " required for both target types)");
    }
    Section k = s.section("kafka", true);
    k.allowOnly(ManifestSchema.keys("spec.target.kafka"), Map.of());
    List<String> bootstrap = bootstrapServers(k, "bootstrapServers");
    String rest =
        k.requiredText(
            "restEndpoint",
            "(the REST v3 base URL, e.g. https://pkc-x.us-east-1.aws.confluent.cloud:443)");
    if (rest != null && !validHttpUrl(rest)) {
      k.problems()
          .add(
              k.path("restEndpoint")
                  + ": must be an http(s) URL such as"
                  + " https://pkc-x.us-east-1.aws.confluent.cloud:443, got \""
                  + rest
                  + "\"");
    }
    // Confluent Cloud is reached with an API key over TLS; a Confluent Platform destination
    // (cutover
    // apiVersion) may use any method a source may.
    Slot slot =
        cutoverApi && "confluent-platform".equals(type)
            ? Slot.PLATFORM_DESTINATION_KAFKA
            : Slot.DESTINATION_KAFKA;
    String kafkaKey =
        Objects.requireNonNullElse(oneOf(k, k, "credentials", "clusterCredentials"), "credentials");
    CredentialRef kafkaCreds =
        k.absent() ? null : slots.read(k.raw(kafkaKey), k.path(kafkaKey), slot);
    String restKey = oneOf(k, clusterLink, "restCredentials", "linkCredentials");
    Section restAt = "linkCredentials".equals(restKey) ? clusterLink : k;
    CredentialRef restCreds =
        k.absent() || restKey == null
            ? null
            : slots.read(restAt.raw(restKey), restAt.path(restKey), Slot.REST);
    if (restKey == null) {
      // kcp derives the REST key from the destination sasl_plain username/password, and from no
      // other method.
      slots.checkRestDerivable(k.path(kafkaKey));
      restCreds = kafkaCreds;
    }
    return new DestinationCluster(
        nullToEmpty(type),
        nullToEmpty(clusterId),
        bootstrap,
        rest == null ? "" : stripTrailingSlash(rest),
        orNone(kafkaCreds),
        orNone(restCreds));
  }

  /**
   * Which of two keys naming the same thing is written: {@code a} in {@code as} or {@code b} in
   * {@code bs}; null when neither, and a problem when both.
   */
  private static String oneOf(Section as, Section bs, String a, String b) {
    boolean hasA = as.present(a);
    boolean hasB = bs.present(b);
    if (hasA && hasB) {
      as.problems()
          .add(
              bs.path(b)
                  + ": names the same credentials as "
                  + as.path(a)
                  + " (kcp's later name for them); write only one");
    }
    return hasA ? a : hasB ? b : null;
  }

  /**
   * {@code spec.clusterLink}: the existing link's name (its policies are {@link PolicyReader}'s,
   * its credentials {@link #target}'s); kcp's {@code bootstrapServers} here only documents the
   * destination, so it is checked for shape and not used.
   */
  String clusterLink(Section s) {
    s.allowOnly(ManifestSchema.keys("spec.clusterLink"), Map.of());
    if (s.present("bootstrapServers")) {
      bootstrapServers(s, "bootstrapServers");
    }
    return nullToEmpty(s.requiredText("name", CLUSTER_LINK_NAME_WHY));
  }

  /** {@code spec.topics}: empty when omitted (every mirror topic on the link). */
  List<String> topics(Section spec) {
    if (!spec.present("topics")) {
      return List.of();
    }
    String path = spec.path("topics");
    List<String> topics = spec.strings("topics");
    if (topics == null || topics.isEmpty()) {
      if (spec.raw("topics").isNull() || spec.raw("topics").isArray()) {
        spec.problems()
            .add(
                path
                    + ": must not be an empty list; omit the key entirely to migrate every active"
                    + " mirror topic on the link");
      }
      return List.of();
    }
    Set<String> unique = new LinkedHashSet<>();
    Set<String> reported = new HashSet<>();
    for (int i = 0; i < topics.size(); i++) {
      String t = topics.get(i);
      if (t == null) {
        continue;
      }
      if (t.isBlank()) {
        spec.problems().add(FieldPaths.index(path, i) + ": must not be blank");
      } else if (!unique.add(t) && reported.add(t)) {
        warnings.add(
            FieldPaths.index(path, i)
                + ": \""
                + t
                + "\" is listed more than once; it is cut over once");
      }
    }
    return new ArrayList<>(unique);
  }

  /** A non-empty list of host:port entries, each reported by index. */
  static List<String> bootstrapServers(Section s, String key) {
    List<String> servers = s.strings(key);
    String path = s.path(key);
    if (servers == null || servers.isEmpty()) {
      if (!s.absent() && (servers == null || s.raw(key).isArray())) {
        s.problems().add(path + ": must not be empty (a list of host:port)");
      }
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < servers.size(); i++) {
      String v = servers.get(i);
      if (v == null) {
        continue;
      }
      Matcher m = HOST_PORT.matcher(v.trim());
      int port = m.matches() ? Integer.parseInt(m.group(3)) : -1;
      if (port < 1 || port > 65535) {
        s.problems()
            .add(
                FieldPaths.index(path, i)
                    + ": invalid bootstrap server \""
                    + v
                    + "\" (expected host:port, without a scheme)");
      } else {
        out.add(v.trim());
      }
    }
    return out;
  }

  private static boolean validHttpUrl(String s) {
    try {
      URI u = new URI(s.trim());
      return ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static String stripTrailingSlash(String s) {
    String t = s.trim();
    return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
  }

  static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static CredentialRef orNone(CredentialRef ref) {
    return ref == null ? CredentialRef.none() : ref;
  }
}
