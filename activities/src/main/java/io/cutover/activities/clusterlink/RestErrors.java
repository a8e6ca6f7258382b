package io.cutover.activities.clusterlink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.activities.clusterlink.ClusterLinkException.Kind;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** Maps a non-2xx REST v3 answer to a {@link ClusterLinkException} whose message names the fix. */
final class RestErrors {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int EXCERPT = 200;

  private RestErrors() {}

  static ClusterLinkException fromAnswer(
      RestTransport.Answer a,
      RestTransport.Op op,
      LinkAddress address,
      String apiKey,
      UnaryOperator<String> scrub) {
    int s = a.status();
    String detail = scrub.apply(serverDetail(a));
    String said = detail.isEmpty() ? "" : " (" + detail + ")";
    String head = op.description() + " answered HTTP " + s + said;
    if (s == 401 || s == 403) {
      return new ClusterLinkException(
          Kind.UNAUTHORIZED,
          s,
          head
              + ": verify the destination REST API key and secret; the key must be a resource-scoped key for cluster "
              + address.clusterId()
              + (apiKey == null ? " (no API key was configured)" : " (API key " + apiKey + ")"),
          null);
    }
    if (s == 404) {
      return new ClusterLinkException(
          Kind.NOT_FOUND,
          s,
          head + ": " + op.missing() + " was not found; " + op.fixIfMissing(),
          null);
    }
    if (s == 429) {
      String after = a.retryAfter() == null ? "" : " (Retry-After " + a.retryAfter() + ")";
      return new ClusterLinkException(
          Kind.TRANSIENT,
          s,
          op.description()
              + " was rate limited by the REST API (HTTP 429"
              + after
              + "); it is retried with backoff, keep polling slow",
          null);
    }
    if (s == 408 || s >= 500) {
      return new ClusterLinkException(
          Kind.TRANSIENT,
          s,
          head + ": a server-side or retriable error; it is retried with backoff",
          null);
    }
    return new ClusterLinkException(
        Kind.INVALID_REQUEST,
        s,
        head
            + ": the server refused the request; retrying it unchanged will not help, fix the request or the link's state",
        null);
  }

  /**
   * {@code error_code N: message} from a JSON error body, else an excerpt of the text (HTML tags
   * removed).
   */
  static String serverDetail(RestTransport.Answer a) {
    String body = a.body() == null ? "" : a.body().trim();
    if (body.isEmpty()) {
      return "";
    }
    boolean looksJson =
        a.contentType().toLowerCase(Locale.ROOT).contains("json") || body.startsWith("{");
    if (looksJson) {
      try {
        JsonNode n = MAPPER.readTree(body);
        JsonNode code = n.get("error_code");
        JsonNode msg = n.get("message");
        String m = msg == null || msg.isNull() ? "" : msg.asText();
        if (code != null && !code.isNull()) {
          return "error_code " + code.asText() + (m.isEmpty() ? "" : ": " + excerpt(m));
        }
        if (!m.isEmpty()) {
          return excerpt(m);
        }
      } catch (Exception e) {
        // Not JSON after all: fall through to the text excerpt.
      }
    }
    return excerpt(
        body.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]*>", " "));
  }

  static String excerpt(String text) {
    String t = text.replaceAll("\\s+", " ").trim();
    return t.length() <= EXCERPT ? t : t.substring(0, EXCERPT) + "...";
  }
}
