package io.cutover.activities.offsets;

import io.cutover.activities.credentials.CredentialResolver;
import io.cutover.activities.credentials.KafkaCredentials;
import io.cutover.workflow.activity.Targets;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Admin clients, one per (cluster role, bootstrap servers), kept for the life of the owner
 * (the activities object) so a lag wait does not reconnect and re-authenticate on every sweep.
 *
 * <p>Also remembers every secret it was handed so that {@link #redact(String)} can strip them from
 * any client error text before it reaches a message, a log line or workflow history.
 */
public final class KafkaAdmins implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaAdmins.class);

  /** Client-side bound on one request and on one Admin call (kcp uses 15 s for its fetches). */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

  /**
   * The result of one Admin call, bounded by {@link #CALL_TIMEOUT}; an interrupt or a timeout is a
   * transient failure {@code during} names (for example "the consumer-offset handoff").
   */
  static <T> T await(KafkaFuture<T> f, String during) throws ExecutionException {
    try {
      return f.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OffsetSweepException(
          OffsetSweepException.Kind.TRANSIENT, "interrupted during " + during);
    } catch (TimeoutException e) {
      throw new OffsetSweepException(
          OffsetSweepException.Kind.TRANSIENT,
          "an Admin call of " + during + " did not answer within " + CALL_TIMEOUT);
    }
  }

  private static final Pattern JAAS_OPTION = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"");

  private final CredentialResolver resolver;
  private final Function<Map<String, Object>, Admin> factory;
  private final Map<String, Admin> admins = new ConcurrentHashMap<>();
  private final Set<String> secrets = ConcurrentHashMap.newKeySet();

  public KafkaAdmins(CredentialResolver resolver) {
    this(resolver, Admin::create);
  }

  /**
   * @param factory builds an Admin from a client config; tests pass a counting wrapper
   */
  public KafkaAdmins(CredentialResolver resolver, Function<Map<String, Object>, Admin> factory) {
    this.resolver = resolver;
    this.factory = factory;
  }

  /**
   * The cached Admin for {@code cluster}, built on first use from the resolved credentials.
   *
   * @throws OffsetSweepException INVALID when the cluster has no bootstrap servers or the client
   *     config is unusable; TRANSIENT when no bootstrap server resolves (DNS)
   */
  public Admin admin(Targets.Kafka cluster) {
    List<String> bootstrap = cluster.bootstrapServers();
    if (bootstrap == null || bootstrap.isEmpty()) {
      throw new OffsetSweepException(
          OffsetSweepException.Kind.INVALID,
          "the "
              + cluster.role()
              + " cluster has no bootstrap servers: set them in the migration plan");
    }
    String key = cluster.role() + "|" + String.join(",", bootstrap);
    return admins.computeIfAbsent(key, k -> create(cluster));
  }

  private Admin create(Targets.Kafka cluster) {
    KafkaCredentials credentials;
    try {
      credentials = resolver.kafka(cluster.credentials(), credentialRole(cluster));
    } catch (ApplicationFailure e) {
      throw e; // already typed and worded by the resolver
    } catch (RuntimeException e) {
      throw new OffsetSweepException(
          OffsetSweepException.Kind.INVALID,
          "could not resolve the "
              + cluster.role()
              + " cluster's Kafka credentials ("
              + cluster.credentials()
              + "): "
              + e.getMessage()
              + ". Fix the credential reference in the plan or the secret it points to");
    }
    rememberSecrets(credentials.clientProperties());
    Map<String, Object> config = clientConfig(cluster, credentials);
    try {
      Admin admin = factory.apply(config);
      log.info(
          "Kafka Admin for the {} cluster ({}) created, auth method {}",
          cluster.role(),
          config.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG),
          credentials.method());
      return admin;
    } catch (RuntimeException e) {
      String why = redact(rootMessage(e));
      boolean dns = why.contains("No resolvable bootstrap urls");
      throw new OffsetSweepException(
          dns ? OffsetSweepException.Kind.TRANSIENT : OffsetSweepException.Kind.INVALID,
          "could not create a Kafka Admin client for the "
              + cluster.role()
              + " cluster ("
              + String.join(",", cluster.bootstrapServers())
              + "): "
              + why
              + (dns
                  ? ". Check the bootstrap host names and DNS"
                  : ". Check the cluster's credential block"));
    }
  }

  /**
   * The Admin config for {@code cluster}: bootstrap servers, a client id, 15 s timeouts, then the
   * credential properties on top (they win, so a credential block can tune its own timeouts).
   */
  static Map<String, Object> clientConfig(Targets.Kafka cluster, KafkaCredentials credentials) {
    Map<String, Object> config = new HashMap<>();
    config.put(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", cluster.bootstrapServers()));
    // A per-role suffix: two Admins with the same client.id collide on their JMX app-info bean.
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "cutover-" + cluster.role());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
    config.putAll(credentials.clientProperties());
    return config;
  }

  private void rememberSecrets(Map<String, String> properties) {
    properties.forEach(
        (k, v) -> {
          String key = k.toLowerCase(Locale.ROOT);
          if (v == null || v.isEmpty()) {
            return;
          }
          if (key.contains("password")
              || key.contains("secret")
              || key.contains("jaas")
              || key.endsWith(".key")) {
            secrets.add(v);
          }
          if (key.contains("jaas")) {
            Matcher m = JAAS_OPTION.matcher(v);
            while (m.find()) {
              String option = m.group(1).toLowerCase(Locale.ROOT);
              if (!option.equals("username") && m.group(2).length() >= 4) {
                secrets.add(m.group(2));
              }
            }
          }
        });
  }

  /**
   * Closes and forgets the cached Admin for {@code cluster}, so the next use resolves the
   * credentials again (after an authentication failure the operator may have fixed the secret).
   */
  public void evict(Targets.Kafka cluster) {
    if (cluster.bootstrapServers() == null) {
      return;
    }
    Admin admin =
        admins.remove(cluster.role() + "|" + String.join(",", cluster.bootstrapServers()));
    if (admin != null) {
      try {
        admin.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        log.warn(
            "closing the Kafka Admin for the {} cluster failed: {}",
            cluster.role(),
            redact(e.getMessage()));
      }
    }
  }

  /** {@code text} with every secret this object has seen replaced by {@code <redacted>}. */
  public String redact(String text) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, "<redacted>");
    }
    return out;
  }

  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getMessage();
    return c.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  /**
   * The resolver holds a Confluent Cloud destination to sasl_plain over TLS; a Confluent Platform
   * destination may use any method, like a source.
   */
  static String credentialRole(Targets.Kafka cluster) {
    return "destination".equals(cluster.role()) && "confluent-platform".equals(cluster.type())
        ? "destination (Confluent Platform)"
        : cluster.role();
  }

  /** Closes every cached Admin. Idempotent. */
  @Override
  public void close() {
    for (var e : admins.entrySet()) {
      try {
        e.getValue().close(Duration.ofSeconds(5));
      } catch (RuntimeException ex) {
        log.warn("closing the Kafka Admin for {} failed: {}", e.getKey(), redact(ex.getMessage()));
      }
    }
    admins.clear();
  }
}
