package io.cutover.activities.clusterlink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.activities.clusterlink.ClusterLinkException.Kind;
import io.cutover.activities.credentials.RestCredentials;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.HttpUrl;

/** Maps a non-2xx REST v3 answer to a {@link ClusterLinkException} whose message names the fix. */
final class RestErrors {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int EXCERPT = 200;
  // A TLS alert the server sends about the client's certificate (none, untrusted, expired).
  private static final Pattern CLIENT_CERT_ALERT =
      Pattern.compile(
          "alert: (bad_certificate|certificate_required|unknown_ca|certificate_unknown"
              + "|certificate_expired|certificate_revoked|unsupported_certificate|access_denied)");

  private RestErrors() {}

  static ClusterLinkException fromAnswer(
      RestTransport.Answer a,
      RestTransport.Op op,
      LinkAddress address,
      RestCredentials.Auth auth,
      UnaryOperator<String> scrub) {
    int s = a.status();
    String detail = scrub.apply(serverDetail(a));
    String said = detail.isEmpty() ? "" : " (" + detail + ")";
    String head = op.description() + " answered HTTP " + s + said;
    if (s == 401 || s == 403) {
      return new ClusterLinkException(
          Kind.UNAUTHORIZED, s, head + ": " + authFix(auth, address.clusterId()), null);
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

  /** What to check when the server refuses the credentials, per authentication form. */
  static String authFix(RestCredentials.Auth auth, String clusterId) {
    if (auth instanceof RestCredentials.Basic b) {
      return "verify the destination REST API key and secret; the key must be a resource-scoped key for cluster "
          + clusterId
          + " (API key or user "
          + b.username()
          + ")";
    }
    if (auth instanceof RestCredentials.Bearer) {
      return "verify the destination REST bearer token: it may have expired (MDS tokens are"
          + " short-lived), and its principal needs a role binding on cluster "
          + clusterId;
    }
    if (auth instanceof RestCredentials.ClientCertificate cc) {
      return "verify that the REST server accepts the client certificate "
          + cc.certPath()
          + " and maps it to a principal with access to cluster "
          + clusterId;
    }
    return "verify the destination REST credentials; the key must be a resource-scoped key for cluster "
        + clusterId
        + " (no REST credentials were configured)";
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

  /**
   * Maps an I/O failure of a call to {@code base}: TLS verification and a client certificate the
   * server refused are not retryable; timeouts, DNS and connection failures are.
   */
  static ClusterLinkException fromIo(
      IOException e,
      RestTransport.Op op,
      HttpUrl base,
      RestCredentials.Kind auth,
      UnaryOperator<String> scrub) {
    String where = " at " + base;
    String detail =
        e.getMessage() == null ? e.getClass().getSimpleName() : scrub.apply(e.getMessage());
    if (e instanceof SSLPeerUnverifiedException
        || (e instanceof SSLHandshakeException && certProblem(e))) {
      return new ClusterLinkException(
          Kind.INVALID_REQUEST,
          0,
          op.description()
              + where
              + " failed TLS verification ("
              + detail
              + "): set the REST credentials' CA certificate (caCertPath) to the CA that"
              + " signed the endpoint's certificate, or fix restEndpoint",
          e);
    }
    String clientCert =
        auth == RestCredentials.Kind.MTLS
            ? "check that the REST server accepts the client certificate (mtls.client_cert): that it"
                + " trusts its CA and that it has not expired"
            : "write the mtls form (client_cert, client_key) in the REST credentials";
    if (e instanceof SSLException && CLIENT_CERT_ALERT.matcher(detail).find()) {
      return new ClusterLinkException(
          Kind.INVALID_REQUEST,
          0,
          op.description()
              + where
              + " was refused at the TLS handshake ("
              + detail
              + "): the server asks for a client certificate it accepts; "
              + clientCert,
          e);
    }
    if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      return new ClusterLinkException(
          Kind.TRANSIENT,
          0,
          op.description()
              + where
              + " timed out ("
              + detail
              + "): the REST API is slow or unreachable; it is retried with backoff",
          e);
    }
    if (e instanceof UnknownHostException) {
      return new ClusterLinkException(
          Kind.TRANSIENT,
          0,
          op.description()
              + where
              + " failed: host "
              + base.host()
              + " does not resolve; check restEndpoint and DNS (private networking)",
          e);
    }
    // A server that refuses the client's certificate often just closes the connection (TLS 1.3
    // sends its alert after the client's handshake is done): the client then sees a broken pipe, a
    // reset or a shut-down HTTP/2 connection, like a network failure, so it stays retryable with a
    // hint.
    boolean tlsClose =
        base.isHttps()
            && (auth == RestCredentials.Kind.MTLS || closedByPeer(e, new java.util.HashSet<>()));
    return new ClusterLinkException(
        Kind.TRANSIENT,
        0,
        op.description()
            + where
            + " failed to connect ("
            + detail
            + "): check network reach to the REST endpoint"
            + (tlsClose ? "; if the server requires a client certificate, " + clientCert : "")
            + "; it is retried with backoff",
        e);
  }

  /**
   * Whether {@code t}, a cause or a suppressed exception is a TLS failure or a closed connection
   * (OkHttp may report a refused handshake as "exhausted all routes" after its own retry).
   */
  private static boolean closedByPeer(Throwable t, java.util.Set<Throwable> seen) {
    if (t == null || !seen.add(t)) {
      return false;
    }
    if (t instanceof SSLException
        || t instanceof SocketException
        // OkHttp's own (internal) exception for an HTTP/2 connection that was shut down
        || t.getClass().getSimpleName().equals("ConnectionShutdownException")
        // OkHttp's answer to a retry after the only route's connection was closed on it
        || "exhausted all routes".equals(t.getMessage())) {
      return true;
    }
    for (Throwable s : t.getSuppressed()) {
      if (closedByPeer(s, seen)) {
        return true;
      }
    }
    return closedByPeer(t.getCause(), seen);
  }

  private static boolean certProblem(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof CertificateException
          || c instanceof CertPathBuilderException
          || c instanceof CertPathValidatorException) {
        return true;
      }
    }
    return false;
  }
}
