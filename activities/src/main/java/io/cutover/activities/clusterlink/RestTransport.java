package io.cutover.activities.clusterlink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.activities.credentials.RestCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * HTTP plumbing for the REST v3 client: URL building with escaped segments, authentication (Basic,
 * Bearer, or an mTLS client certificate through {@link TlsSupport}), timeouts, TLS, and the mapping
 * of I/O failures. Secrets are scrubbed from every message it builds.
 */
final class RestTransport {
  private static final MediaType JSON = MediaType.get("application/json");

  /**
   * What a call does, for messages.
   *
   * @param description e.g. {@code list mirrors of cluster link "l"}
   * @param missing what a 404 means is missing, e.g. {@code cluster link "l" on cluster c}
   * @param fixIfMissing what to check when it is missing
   */
  record Op(String description, String missing, String fixIfMissing) {}

  /** A raw answer, any status. */
  record Answer(int status, String contentType, String body, String retryAfter) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final OkHttpClient http;
  private final HttpUrl base;
  private final String authorization;
  private final RestCredentials creds;
  private final LinkAddress address;
  private final ObjectMapper mapper;

  RestTransport(
      LinkAddress address,
      RestCredentials creds,
      ClusterLinkOptions options,
      OkHttpClient shared,
      ObjectMapper mapper) {
    this.address = address;
    this.creds = creds;
    this.mapper = mapper;
    this.base = baseUrl(address.restEndpoint());
    this.authorization = authorization(creds.auth());
    OkHttpClient.Builder b =
        shared
            .newBuilder()
            .connectTimeout(options.connectTimeout())
            .readTimeout(options.readTimeout())
            .writeTimeout(options.readTimeout())
            // One request, one answer: a silent re-send of a promote would come back as "already
            // stopped"; Temporal's retry policy is the one place retries happen.
            .retryOnConnectionFailure(false);
    TlsSupport.configure(b, creds);
    this.http = b.build();
  }

  /**
   * The Authorization header of {@code auth}: Basic or Bearer; null for none and for mTLS, which
   * authenticates with the client certificate (TlsSupport) alone.
   */
  static String authorization(RestCredentials.Auth auth) {
    if (auth instanceof RestCredentials.Basic b) {
      return Credentials.basic(b.username(), b.password(), StandardCharsets.UTF_8);
    }
    if (auth instanceof RestCredentials.Bearer t) {
      return "Bearer " + t.token();
    }
    return null;
  }

  /**
   * The endpoint plus {@code /kafka/v3}, unless its path already ends in {@code v3} (CP's embedded
   * {@code /kafka/v3} or the standalone proxy's {@code /v3}). A trailing '/' is ignored.
   */
  static HttpUrl baseUrl(String endpoint) {
    HttpUrl parsed = HttpUrl.parse(endpoint);
    if (parsed == null) {
      throw ClusterLinkException.invalid(
          "restEndpoint \""
              + endpoint
              + "\" is not an http(s) URL: use the cluster's REST endpoint, e.g. https://pkc-xxxxx.<region>.<cloud>.confluent.cloud:443");
    }
    if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
      throw ClusterLinkException.invalid(
          "restEndpoint must not carry user info: put the API key in the REST credentials instead");
    }
    List<String> segments = new ArrayList<>();
    for (String s : parsed.encodedPathSegments()) {
      if (!s.isEmpty()) {
        segments.add(s);
      }
    }
    HttpUrl.Builder b = parsed.newBuilder().query(null).fragment(null).encodedPath("/");
    segments.forEach(b::addEncodedPathSegment);
    if (segments.isEmpty() || !segments.get(segments.size() - 1).equals("v3")) {
      b.addPathSegment("kafka").addPathSegment("v3");
    }
    return b.build();
  }

  /** {@code base/clusters/{cluster}/links/{link}/<more...>}, each segment escaped. */
  HttpUrl.Builder linkUrl(String... more) {
    HttpUrl.Builder b =
        base.newBuilder()
            .addPathSegment("clusters")
            .addPathSegment(address.clusterId())
            .addPathSegment("links")
            .addPathSegment(address.linkName());
    for (String s : more) {
      b.addPathSegment(s);
    }
    return b;
  }

  /**
   * Whether {@code url} may receive our credentials: same scheme, host and port as the endpoint.
   */
  boolean sameOrigin(HttpUrl url) {
    return url.scheme().equals(base.scheme())
        && url.host().equals(base.host())
        && url.port() == base.port();
  }

  Answer call(String method, HttpUrl url, JsonNode body, Op op) {
    Request.Builder rb = new Request.Builder().url(url).header("Accept", "application/json");
    if (authorization != null) {
      rb.header("Authorization", authorization);
    }
    RequestBody rbody = null;
    if (body != null) {
      try {
        rbody = RequestBody.create(mapper.writeValueAsBytes(body), JSON);
      } catch (IOException e) {
        throw new IllegalStateException("cannot encode request body", e);
      }
    }
    rb.method(method, rbody);
    try (Response r = http.newCall(rb.build()).execute()) {
      ResponseBody rbd = r.body();
      String text = rbd == null ? "" : rbd.string();
      return new Answer(r.code(), r.header("Content-Type", ""), text, r.header("Retry-After"));
    } catch (IOException e) {
      throw RestErrors.fromIo(e, op, base, creds.kind(), this::scrub);
    }
  }

  /** Throws the mapped error unless the answer is 2xx. */
  Answer require2xx(Answer a, Op op) {
    if (!a.ok()) {
      throw RestErrors.fromAnswer(a, op, address, creds.auth(), this::scrub);
    }
    return a;
  }

  /** Parses a 2xx answer's body; an empty body is an empty object. */
  JsonNode json(Answer a, Op op) {
    require2xx(a, op);
    if (a.body().isBlank()) {
      return mapper.createObjectNode();
    }
    try {
      return mapper.readTree(a.body());
    } catch (IOException e) {
      throw ClusterLinkException.transientFailure(
          op.description()
              + " answered HTTP "
              + a.status()
              + " with a body that is not JSON ("
              + RestErrors.excerpt(scrub(a.body()))
              + "); retrying, as a proxy may have answered");
    }
  }

  ObjectMapper mapper() {
    return mapper;
  }

  String endpoint() {
    return base.toString();
  }

  /**
   * Removes the Authorization value, its credential part, and the password or token itself from
   * text that came from elsewhere (a server's error body, an exception message).
   */
  String scrub(String text) {
    if (text == null) {
      return "";
    }
    String out = text;
    if (authorization != null) {
      out = out.replace(authorization, "<redacted>");
      out = out.replace(authorization.substring(authorization.indexOf(' ') + 1), "<redacted>");
    }
    String secret =
        creds.auth() instanceof RestCredentials.Basic b
            ? b.password()
            : creds.auth() instanceof RestCredentials.Bearer t ? t.token() : null;
    // A very short secret would redact ordinary words; the Authorization value above still goes.
    if (secret != null && secret.length() >= 4) {
      out = out.replace(secret, "<redacted>");
    }
    return out;
  }
}
