package io.cutover.activities.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.model.CredentialLook;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until the CFK operator has accepted the Gateway's current spec ({@code
 * status.observedGeneration >= metadata.generation}), or has refused it. A refusal is a *Failed
 * condition whose lastTransitionTime is at or after our write: conditions go stale (an old
 * ApplyFailed can sit on a healthy gateway for days), so older ones are ignored.
 */
public final class GatewayAcceptance {
  private static final Logger log = LoggerFactory.getLogger(GatewayAcceptance.class);

  /** What the operator reported: accepted at this generation. */
  public record Accepted(long generation, long observedGeneration) {}

  /** A refusal seen in status.conditions. */
  record Rejection(
      String type, String status, String reason, String message, String lastTransitionTime) {
    boolean same(Rejection o) {
      return o != null
          && type.equals(o.type)
          && reason.equals(o.reason)
          && lastTransitionTime.equals(o.lastTransitionTime);
    }
  }

  private final Duration pollInterval;
  private final Duration settle;

  public GatewayAcceptance(Duration pollInterval, Duration settle) {
    this.pollInterval = pollInterval;
    this.settle = settle;
  }

  /**
   * Polls until accepted, rejected or timed out.
   *
   * @param writtenAt when our write was sent; null when this attempt wrote nothing and no earlier
   *     write is known, in which case no condition counts as a rejection (we cannot tell it is
   *     ours)
   * @param onPoll receives a progress line on every poll (the activity heartbeats with it)
   * @throws GatewayException GATEWAY_REJECTED with the operator's message, ROLLOUT_TIMEOUT,
   *     NOT_FOUND, UNAUTHORIZED
   */
  public Accepted await(
      KubernetesClient client,
      String namespace,
      String name,
      Instant writtenAt,
      Duration timeout,
      Consumer<String> onPoll) {
    return await(client, namespace, name, writtenAt, 0, timeout, GatewayWatch.NONE, onPoll);
  }

  /**
   * As {@link #await}, woken early by {@code wake} when the CR changes.
   *
   * @param written the generation the write made (or found), or 0 for the CR's current one: once
   *     the operator observed it, the change is in effect, whatever becomes of a later generation
   *     another group of the gateway wrote meanwhile (docs/architecture.md, "One gateway, several
   *     groups")
   */
  Accepted await(
      KubernetesClient client,
      String namespace,
      String name,
      Instant writtenAt,
      long written,
      Duration timeout,
      GatewayWatch wake,
      Consumer<String> onPoll) {
    String what = "gateway " + namespace + "/" + name;
    Poller poller = new Poller(pollInterval, timeout, wake);
    Rejection pending = null;
    long pendingSince = 0;
    String last = "not read yet";
    ObjectNode lastCr = null;
    while (true) {
      ObjectNode cr = null;
      boolean readFailed = false;
      try {
        cr = GatewayResources.read(client, namespace, name);
      } catch (KubernetesClientException e) {
        GatewayException classified = GatewayException.fromApi("reading " + what, e);
        if (!classified.retryable()) {
          throw classified;
        }
        readFailed = true;
        last = "last read failed: " + classified.getMessage();
        log.warn("{}: {}", what, CredentialLook.redact(last));
      }
      if (cr == null && !readFailed) {
        throw new GatewayException(
            FailureTypes.NOT_FOUND,
            what
                + " disappeared while waiting for the operator"
                + " to accept it; someone deleted it. Re-create it from the snapshot before retrying");
      }
      if (cr != null) {
        long generation = cr.path("metadata").path("generation").asLong(0);
        JsonNode observedNode = cr.path("status").path("observedGeneration");
        long awaited = written > 0 ? Math.min(written, generation) : generation;
        if (observedNode.isNumber() && observedNode.asLong() >= awaited) {
          return new Accepted(awaited, observedNode.asLong());
        }
        String observed = observedNode.isNumber() ? observedNode.asText() : "none";
        Rejection candidate = rejection(cr, writtenAt);
        if (candidate == null) {
          pending = null;
        } else if (!candidate.same(pending)) {
          pending = candidate;
          pendingSince = System.nanoTime();
        }
        if (pending != null
            && Duration.ofNanos(System.nanoTime() - pendingSince).compareTo(settle) >= 0) {
          throw rejected(namespace, name, pending, generation, observed);
        }
        last = "generation " + generation + ", observedGeneration " + observed;
        lastCr = cr;
      }
      onPoll.accept(
          "waiting for the operator to accept "
              + what
              + " ("
              + last
              + ", "
              + poller.elapsedText()
              + ")");
      if (poller.expired()) {
        if (pending != null) {
          throw rejected(
              namespace,
              name,
              pending,
              lastCr.path("metadata").path("generation").asLong(0),
              lastCr.path("status").path("observedGeneration").asText("none"));
        }
        throw new GatewayException(
            FailureTypes.ROLLOUT_TIMEOUT,
            "timed out after "
                + poller.timeoutText()
                + " waiting for the Confluent operator to accept "
                + what
                + " ("
                + last
                + ")"
                + staleNote(lastCr)
                + ". Check that the operator is running; inspect with: "
                + hint(namespace, name));
      }
      poller.sleep();
    }
  }

  /** The freshest *Failed condition at or after writtenAt (to the second), or null. */
  static Rejection rejection(JsonNode cr, Instant writtenAt) {
    if (writtenAt == null) {
      return null;
    }
    // Condition timestamps have one-second resolution; a write at 12:00:05.300 may be stamped
    // 12:00:05.
    Instant since = writtenAt.truncatedTo(ChronoUnit.SECONDS);
    Rejection best = null;
    for (JsonNode c : cr.path("status").path("conditions")) {
      if (!isFailure(c)) {
        continue;
      }
      Instant at = parseTime(c.path("lastTransitionTime").asText(""));
      if (at != null
          && !at.isBefore(since)
          && (best == null || at.isAfter(parseTime(best.lastTransitionTime())))) {
        best = toRejection(c);
      }
    }
    return best;
  }

  /** status False with a *Failed reason, or a *Failed type that is True. */
  static boolean isFailure(JsonNode c) {
    String status = c.path("status").asText("");
    return (c.path("reason").asText("").endsWith("Failed") && "False".equalsIgnoreCase(status))
        || (c.path("type").asText("").endsWith("Failed") && "True".equalsIgnoreCase(status));
  }

  private static Rejection toRejection(JsonNode c) {
    return new Rejection(
        c.path("type").asText(""),
        c.path("status").asText(""),
        c.path("reason").asText(""),
        c.path("message").asText(""),
        c.path("lastTransitionTime").asText(""));
  }

  private static Instant parseTime(String s) {
    try {
      return s.isEmpty() ? null : Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Mentions failure conditions that predate the write, so a timeout message is not silent about
   * them.
   */
  private static String staleNote(JsonNode cr) {
    if (cr == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (JsonNode c : cr.path("status").path("conditions")) {
      if (isFailure(c)) {
        Rejection r = toRejection(c);
        sb.append("; the gateway also reports ")
            .append(r.type())
            .append('=')
            .append(r.status())
            .append(' ')
            .append(r.reason())
            .append(": \"")
            .append(r.message())
            .append("\" since ")
            .append(r.lastTransitionTime())
            .append(" (not newer than this write)");
      }
    }
    return sb.toString();
  }

  static GatewayException rejected(
      String namespace, String name, Rejection r, long generation, String observed) {
    return new GatewayException(
        FailureTypes.GATEWAY_REJECTED,
        "gateway "
            + namespace
            + "/"
            + name
            + " was rejected by the Confluent operator: "
            + r.message()
            + " (reason: "
            + r.reason()
            + ", condition: "
            + r.type()
            + ", since "
            + r.lastTransitionTime()
            + ", generation: "
            + generation
            + ", observedGeneration: "
            + observed
            + "). Fix what the message names (often a missing Secret or an invalid field), then retry."
            + " Inspect with: "
            + hint(namespace, name));
  }

  static String hint(String namespace, String name) {
    return "kubectl -n "
        + namespace
        + " get gateway "
        + name
        + " -o jsonpath='{.status.conditions}'";
  }
}
