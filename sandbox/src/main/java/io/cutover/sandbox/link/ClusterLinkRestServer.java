package io.cutover.sandbox.link;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent Kafka REST v3 cluster-linking API (docs/sandbox.md) for one {@link
 * ClusterLinkSimulator}, on {@code 127.0.0.1:<free port>} (JDK HttpServer, 4 named daemon threads).
 * Base URL for a plan's {@code restEndpoint}: {@link #baseUrl()}; the API lives under {@code
 * /kafka/v3/clusters/{clusterId}/links/{link}/...}.
 *
 * <p>Every request: the {@link LinkFaults} latency, then HTTP Basic auth with the configured key
 * and secret (401, {@code error_code} 40101), then any armed 5xx (JSON, 50003) or 429 (Jetty
 * text/html), then the endpoint. Unknown cluster or link: 404; wrong method: 405; malformed JSON:
 * 400; all with the {@code {"error_code","message"}} error body of REST v3. The secret is never
 * logged.
 */
public final class ClusterLinkRestServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterLinkRestServer.class);
  private static final String PREFIX = "/kafka/v3";
  private static final int LOG_LIMIT = 2000;

  private final ClusterLinkSimulator sim;
  private final byte[] expectedCredentials;
  private final HttpServer server;
  private final ExecutorService pool;
  private final LinkRestRoutes routes;
  private final ArrayDeque<RestRequest> log = new ArrayDeque<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private ClusterLinkRestServer(ClusterLinkSimulator sim, String apiKey, String apiSecret)
      throws IOException {
    this.sim = sim;
    this.expectedCredentials = (apiKey + ":" + apiSecret).getBytes(StandardCharsets.UTF_8);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    AtomicInteger n = new AtomicInteger();
    String prefix = "link-" + sim.linkName() + "-rest-" + server.getAddress().getPort() + "-";
    this.pool =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, prefix + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    this.routes = new LinkRestRoutes(sim, new RestJson(baseUrl() + PREFIX, sim));
  }

  /**
   * Starts the API for {@code simulator}, accepting HTTP Basic {@code apiKey:apiSecret} only.
   *
   * @throws IllegalStateException when no loopback port can be bound
   */
  public static ClusterLinkRestServer start(
      ClusterLinkSimulator simulator, String apiKey, String apiSecret) {
    if (apiKey == null || apiKey.isEmpty() || apiSecret == null || apiSecret.isEmpty()) {
      throw new IllegalArgumentException("the REST API needs a non-empty API key and secret");
    }
    try {
      ClusterLinkRestServer s = new ClusterLinkRestServer(simulator, apiKey, apiSecret);
      s.server.start();
      LOG.info(
          "cluster link REST API for link {} on cluster {} at {}",
          simulator.linkName(),
          simulator.destinationClusterId(),
          s.baseUrl());
      return s;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot bind the cluster link REST API on 127.0.0.1: " + e.getMessage(), e);
    }
  }

  /** {@code http://127.0.0.1:PORT}: what a plan names as the destination's REST endpoint. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The requests answered so far (the last 2000), oldest first. */
  public List<RestRequest> requests() {
    synchronized (log) {
      return new ArrayList<>(log);
    }
  }

  /** Names the link and the URL; never the API secret. */
  @Override
  public String toString() {
    return "ClusterLinkRestServer["
        + baseUrl()
        + ", cluster "
        + sim.destinationClusterId()
        + ", link "
        + sim.linkName()
        + "]";
  }

  /** Stops accepting requests at once and ends the worker threads. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getPath();
    String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
    try (ex) {
      byte[] body = readAll(ex.getRequestBody());
      answer(ex, method, path, query, body);
    } catch (IOException | RuntimeException e) {
      LOG.warn("cluster link REST API: {} {} failed: {}", method, path, e.toString());
      throw e;
    }
  }

  /**
   * Logged before the response goes out: a client that has its answer must find its request in
   * {@link #requests()}, however the threads are scheduled.
   */
  private void record(HttpExchange ex, int status) {
    String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
    synchronized (log) {
      log.addLast(
          new RestRequest(ex.getRequestMethod(), ex.getRequestURI().getPath(), query, status));
      if (log.size() > LOG_LIMIT) {
        log.removeFirst();
      }
    }
  }

  private int answer(HttpExchange ex, String method, String path, String query, byte[] body)
      throws IOException {
    LinkFaults faults = sim.faults();
    sleep(faults.latency());
    if (faults.authRejected() || !authenticated(ex.getRequestHeaders().getFirst("Authorization"))) {
      ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"kafka-rest\"");
      return send(ex, 401, RestJson.error(40101, "Authentication failed"));
    }
    Optional<LinkFaults.Fault> fault = faults.nextFault(path);
    if (fault.isPresent()) {
      return sendFault(ex, fault.get(), path);
    }
    try {
      if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
        throw LinkApiException.notFound("HTTP 404 Not Found");
      }
      LinkRestRoutes.Reply r =
          routes.route(method, segments(path.substring(PREFIX.length())), queryParams(query), body);
      return send(ex, r.status(), r.body());
    } catch (LinkApiException e) {
      return send(ex, e.httpStatus(), RestJson.error(e.errorCode(), e.getMessage()));
    } catch (RuntimeException e) {
      LOG.error("cluster link REST API: {} {} failed", method, path, e);
      return send(
          ex, 500, RestJson.error(500, "Internal server error: " + e.getClass().getSimpleName()));
    }
  }

  private boolean authenticated(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    try {
      byte[] given = Base64.getDecoder().decode(header.substring(6).trim());
      return MessageDigest.isEqual(given, expectedCredentials);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private int sendFault(HttpExchange ex, LinkFaults.Fault fault, String path) throws IOException {
    if (fault == LinkFaults.Fault.TOO_MANY_REQUESTS) {
      // What Jetty's DoSFilter answers on Confluent Cloud: HTML, not the JSON error body.
      String html =
          "<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html;charset=ISO-8859-1\"/>\n"
              + "<title>Error 429 Too Many Requests</title>\n</head>\n<body><h2>HTTP ERROR 429 Too Many Requests</h2>\n"
              + "<table>\n<tr><th>URI:</th><td>"
              + path
              + "</td></tr>\n<tr><th>STATUS:</th><td>429</td></tr>\n"
              + "<tr><th>MESSAGE:</th><td>Too Many Requests</td></tr>\n<tr><th>SERVLET:</th><td>-</td></tr>\n"
              + "</table>\n\n</body>\n</html>\n";
      return sendBytes(
          ex, 429, "text/html;charset=iso-8859-1", html.getBytes(StandardCharsets.ISO_8859_1));
    }
    return send(
        ex,
        fault.status(),
        RestJson.error(
            50003,
            "Error while processing the request: a retriable Kafka error occurred (injected fault); retry later."));
  }

  private int send(HttpExchange ex, int status, com.fasterxml.jackson.databind.JsonNode body)
      throws IOException {
    if (body == null) {
      record(ex, status);
      ex.sendResponseHeaders(status, -1);
      return status;
    }
    byte[] bytes;
    try {
      bytes = RestJson.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IOException(e);
    }
    return sendBytes(ex, status, "application/json", bytes);
  }

  private int sendBytes(HttpExchange ex, int status, String contentType, byte[] bytes)
      throws IOException {
    record(ex, status);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
    return status;
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  private static Map<String, String> queryParams(String raw) {
    Map<String, String> out = new HashMap<>();
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  private static void sleep(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
