package io.cutover.workflow.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a plan (or an Update's free text) carries no credential value, with {@link
 * CredentialLook}. The CLI refuses such manifests before Temporal is contacted; this is the second
 * line for plans that arrive through the API: the reinit and execute Update validators call it, so
 * a rejected Update never reaches history, and VALIDATE calls it before reaching any system.
 * Problems use the manifest's field paths and never quote the value.
 */
public final class PlanSecrecy {
  private PlanSecrecy() {}

  private static final Pattern YAML_LINE =
      Pattern.compile("^\\s*(?:-\\s+)?([A-Za-z0-9_.\\-\"']+)\\s*:\\s*(.*)$");
  private static final Pattern LIST_ITEM = Pattern.compile("^\\s*-\\s+(\\S.*)$");

  /**
   * The problem for a credential found at {@code path}: what it is and where it belongs, never the
   * value.
   */
  public static String problem(String path, String what) {
    return path
        + ": holds "
        + what
        + ", which is not shown; a credential is not accepted here: "
        + fixFor(path);
  }

  /** Where the credential at {@code path} belongs instead. */
  public static String fixFor(String path) {
    String refs =
        "as a credentials file path, an inline credentials mapping, or (apiVersion cutover.io/v1alpha1)"
            + " {env: VAR} or {kubernetesSecret: namespace/name}";
    if (path.contains("client_key") || path.contains("client_cert") || path.contains("ca_cert")) {
      return "write the PEM content to a file (chmod 600 for a key) and put that file's path here";
    }
    if (path.startsWith("spec.target.kafka.restEndpoint")) {
      return "put the REST API key in spec.target.kafka.restCredentials "
          + refs
          + ", and write the endpoint as https://host[:port] without user info or query";
    }
    if (path.startsWith("spec.target")) {
      return "put the credentials in spec.target.kafka.credentials "
          + refs
          + ", and write addresses as host:port";
    }
    if (path.startsWith("spec.source")) {
      return "put the credentials in spec.source.credentials "
          + refs
          + ", and write addresses as host:port";
    }
    if (path.startsWith("spec.gateway.kubeconfig")) {
      return "spec.gateway.kubeconfig is the path of a kubeconfig file on the worker: keep its credentials in"
          + " that file (or leave it empty for the worker's own identity) and write only the path";
    }
    if (path.startsWith("spec.gateway.crs") || path.startsWith("gateway CR")) {
      return "the Gateway CR is copied into the workflow: keep the value in a Kubernetes Secret and reference it"
          + " (secretRef, jaasConfigPassThrough.secretRef, secretStores with configSecretRef, or"
          + " valueFrom.secretKeyRef for an environment variable)";
    }
    return "credentials belong only in spec.source.credentials, spec.target.kafka.credentials or"
        + " spec.target.kafka.restCredentials, "
        + refs;
  }

  /** Every credential the plan carries, as problems; empty when it carries none. */
  public static List<String> problems(MigrationPlan plan) {
    List<String> out = new ArrayList<>();
    if (plan == null) {
      return out;
    }
    text("metadata.name", plan.name(), out);
    SourceCluster s = plan.source();
    if (s != null) {
      text("spec.source.type", s.type(), out);
      list("spec.source.bootstrapServers", s.bootstrapServers(), out);
      ref("spec.source.credentials", s.credentials(), out);
    }
    DestinationCluster d = plan.destination();
    if (d != null) {
      text("spec.target.type", d.type(), out);
      text("spec.target.clusterId", d.clusterId(), out);
      list("spec.target.kafka.bootstrapServers", d.bootstrapServers(), out);
      text("spec.target.kafka.restEndpoint", d.restEndpoint(), out);
      ref("spec.target.kafka.credentials", d.kafkaCredentials(), out);
      ref("spec.target.kafka.restCredentials", d.restCredentials(), out);
    }
    text("spec.clusterLink.name", plan.linkName(), out);
    GatewaySpec g = plan.gateway();
    if (g != null) {
      text("spec.gateway.namespace", g.namespace(), out);
      text("spec.gateway.crs.initial", g.name(), out);
      text("spec.gateway.kubeconfig", g.kubeconfig(), out);
      text("spec.gateway.kubeContext", g.kubeContext(), out);
      text("spec.gateway.crs.switchover", g.switchoverCrSource(), out);
      yaml("spec.gateway.crs.switchover", g.switchoverCr(), out);
      list("spec.gateway.fence.routes", g.fenceRoutes(), out);
      text("spec.gateway.targetStreamingDomain", g.targetStreamingDomain(), out);
    }
    list("spec.topics", plan.topics(), out);
    list("topicPatterns", plan.topicPatterns(), out);
    return out;
  }

  /** Throws (the Update is rejected, nothing is recorded) when the plan carries a credential. */
  public static void requireNone(MigrationPlan plan) {
    List<String> found = problems(plan);
    if (!found.isEmpty()) {
      throw new IllegalArgumentException(
          found.size()
              + " credential(s) in the plan, refused before anything was"
              + " recorded:\n  - "
              + String.join("\n  - ", found));
    }
  }

  /** Throws when an Update's free-text field (who, reason) holds a credential. */
  public static void requireNone(String field, String value) {
    CredentialLook.inValue(value)
        .ifPresent(
            what -> {
              throw new IllegalArgumentException(
                  field
                      + ": holds "
                      + what
                      + ", which is not shown; write a name, not a"
                      + " credential");
            });
  }

  private static void text(String path, String value, List<String> out) {
    CredentialLook.inValue(value).ifPresent(what -> out.add(problem(path, what)));
  }

  private static void list(String path, List<String> values, List<String> out) {
    if (values != null) {
      for (int i = 0; i < values.size(); i++) {
        text(path + "[" + i + "]", values.get(i), out);
      }
    }
  }

  private static void ref(String path, CredentialRef ref, List<String> out) {
    if (ref != null) {
      text(path, ref.location(), out);
    }
  }

  /**
   * A YAML text scanned line by line (the workflow has no YAML parser): each value with its key, a
   * {@code name: X_PASSWORD} followed by a literal {@code value:}, and every line for PEM keys,
   * JAAS and user info. The CLI scans the parsed tree instead, with exact field paths.
   */
  static void yaml(String path, String text, List<String> out) {
    if (text == null || text.isBlank()) {
      return;
    }
    String[] lines = text.split("\n", -1);
    boolean secretName = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.trim().startsWith("#")) {
        continue;
      }
      Optional<String> found = CredentialLook.inValue(line);
      Matcher item = LIST_ITEM.matcher(line);
      if (found.isEmpty() && item.matches()) {
        found =
            CredentialLook.inValue(
                unquote(item.group(1))); // "- app:pw@host:9092" would read as key "app"
      }
      Matcher m = YAML_LINE.matcher(line);
      if (found.isEmpty() && m.matches()) {
        String key = m.group(1).replaceAll("[\"']", "");
        String value = unquote(m.group(2));
        found = CredentialLook.inField(key, value);
        if (found.isEmpty() && key.equals("value") && secretName && !value.isEmpty()) {
          found = Optional.of("a literal value for a secret environment variable");
        }
        secretName = key.equals("name") && CredentialLook.secretKey(value);
      }
      int lineNo = i + 1;
      found.ifPresent(
          what -> out.add(problem(path, what + " (line " + lineNo + " of the Gateway CR)")));
    }
  }

  private static String unquote(String v) {
    String t = v.replaceAll("\\s+#.*$", "").trim();
    if (t.length() >= 2
        && ((t.startsWith("\"") && t.endsWith("\"")) || (t.startsWith("'") && t.endsWith("'")))) {
      t = t.substring(1, t.length() - 1);
    }
    return t.equals("|") || t.equals(">") || t.equals("|-") || t.equals(">-") ? "" : t;
  }
}
