package io.cutover.worker;

import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.envconfig.LoadClientConfigProfileOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where Temporal is and how to reach it, read the way every Temporal client reads it, through the
 * SDK's envconfig module (docs/runbook.md, "Connecting to Temporal"): a {@code temporal.toml}
 * profile ({@code TEMPORAL_CONFIG_FILE}, {@code TEMPORAL_PROFILE}), overridden by {@code
 * TEMPORAL_ADDRESS}, {@code TEMPORAL_NAMESPACE}, {@code TEMPORAL_API_KEY}, {@code TEMPORAL_TLS*}
 * and {@code TEMPORAL_GRPC_META_*}. Cutover's earlier names keep working as aliases; a setting
 * given under both names with different values is refused, not silently chosen.
 */
public final class TemporalEnvironment {
  /** Cutover's earlier name, and Temporal's standard name for the same setting. */
  public static final Map<String, String> ALIASES = aliases();

  static final String DEFAULT_ADDRESS = "127.0.0.1:7233";
  static final String DEFAULT_NAMESPACE = "default";

  /**
   * A setting that cannot be used as given; the message names the variables and the fix. The
   * aliased settings are addresses, booleans and file paths, so their values can be shown.
   */
  public static final class ConfigException extends RuntimeException {
    ConfigException(String message) {
      super(message);
    }
  }

  /**
   * The resolved connection. Its {@code toString} leaves the profile out: the profile holds the API
   * key.
   */
  public record Connection(String address, String namespace, ClientConfigProfile profile) {
    /** Stub options with the profile's API key, TLS and gRPC metadata, for {@code target}. */
    public WorkflowServiceStubsOptions.Builder stubOptions(String target) {
      return WorkflowServiceStubsOptions.newBuilder(profile.toWorkflowServiceStubsOptions())
          .setTarget(target);
    }

    @Override
    public String toString() {
      return address + " (namespace " + namespace + ")";
    }
  }

  private TemporalEnvironment() {}

  private static Map<String, String> aliases() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("TEMPORAL_TARGET", "TEMPORAL_ADDRESS");
    m.put("TEMPORAL_TLS_ENABLED", "TEMPORAL_TLS");
    m.put("TEMPORAL_TLS_CLIENT_CERT", "TEMPORAL_TLS_CLIENT_CERT_PATH");
    m.put("TEMPORAL_TLS_CLIENT_KEY", "TEMPORAL_TLS_CLIENT_KEY_PATH");
    m.put("TEMPORAL_TLS_SERVER_CA", "TEMPORAL_TLS_SERVER_CA_CERT_PATH");
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * @param env the environment to read (the process's, or a test's)
   * @param fallbackAddress used when neither the profile nor the environment names an address (a
   *     {@code -Dtemporal.target}); null for 127.0.0.1:7233
   * @param fallbackNamespace likewise for the namespace; null for {@code default}
   * @throws ConfigException for an alias that disagrees with its standard name, or an unreadable
   *     profile file
   */
  public static Connection resolve(
      Map<String, String> env, String fallbackAddress, String fallbackNamespace) {
    Map<String, String> effective = new HashMap<>(env);
    List<String> problems = new ArrayList<>();
    ALIASES.forEach(
        (ours, standard) -> {
          String a = blankToNull(env.get(ours));
          String b = blankToNull(env.get(standard));
          if (a != null && b != null && !a.equals(b)) {
            problems.add(
                ours
                    + "="
                    + a
                    + " and "
                    + standard
                    + "="
                    + b
                    + " disagree;"
                    + " set only "
                    + standard
                    + " ("
                    + ours
                    + " is Cutover's earlier name for it)");
          } else if (a != null && b == null) {
            effective.put(standard, a);
          }
        });
    if (!problems.isEmpty()) {
      throw new ConfigException("Temporal connection settings: " + String.join("; ", problems));
    }
    ClientConfigProfile profile;
    try {
      profile =
          ClientConfigProfile.load(
              LoadClientConfigProfileOptions.newBuilder().setEnvOverrides(effective).build());
    } catch (IOException | RuntimeException e) {
      String file = effective.getOrDefault("TEMPORAL_CONFIG_FILE", "the default temporal.toml");
      throw new ConfigException(
          "cannot read the Temporal profile "
              + effective.getOrDefault("TEMPORAL_PROFILE", "default")
              + " from "
              + file
              + ": "
              + e.getMessage()
              + " (fix the file or TEMPORAL_CONFIG_FILE /"
              + " TEMPORAL_PROFILE)");
    }
    String address = firstSet(profile.getAddress(), fallbackAddress, DEFAULT_ADDRESS);
    String namespace = firstSet(profile.getNamespace(), fallbackNamespace, DEFAULT_NAMESPACE);
    return new Connection(address, namespace, profile);
  }

  private static String firstSet(String... values) {
    for (String v : values) {
      if (blankToNull(v) != null) {
        return v;
      }
    }
    return null;
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v;
  }
}
