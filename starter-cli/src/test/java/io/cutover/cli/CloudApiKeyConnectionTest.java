package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.temporal.testserver.TestServer;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CLI against a frontend that behaves like Temporal Cloud with an API key: every call must
 * carry the key, and the un-namespaced gRPC health service is refused. Temporal's test server on a
 * port, behind an interceptor that does what Cloud does.
 */
class CloudApiKeyConnectionTest {
  private static final String KEY = "cloud-key-Sentinel-5d1e";
  private static TestServer.PortBoundTestServer server;
  private static int port;

  /** Refuses what Temporal Cloud refuses an API key, and records every method called. */
  static final class CloudLikeFrontend implements ClientInterceptor {
    final List<String> methods = new CopyOnWriteArrayList<>();

    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(
        MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
      methods.add(method.getFullMethodName());
      return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
        private boolean refused;

        @Override
        public void start(Listener<A> listener, Metadata headers) {
          String auth =
              headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
          Status refusal =
              method.getFullMethodName().startsWith("grpc.health.v1.Health/")
                  ? Status.PERMISSION_DENIED.withDescription("Request unauthorized.")
                  : !("Bearer " + KEY).equals(auth)
                      ? Status.UNAUTHENTICATED.withDescription("missing API key")
                      : null;
          if (refusal != null) {
            refused = true;
            listener.onClose(refusal, new Metadata());
            return;
          }
          super.start(listener, headers);
        }

        @Override
        public void request(int n) {
          if (!refused) {
            super.request(n);
          }
        }

        @Override
        public void sendMessage(Q message) {
          if (!refused) {
            super.sendMessage(message);
          }
        }

        @Override
        public void halfClose() {
          if (!refused) {
            super.halfClose();
          }
        }
      };
    }
  }

  @BeforeAll
  static void start() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    server = TestServer.createPortBoundServer(port);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * The test server speaks no TLS; an API key turns it on, so it is switched off for the channel.
   */
  private static DefaultTemporalConnection cloudLike(CloudLikeFrontend cloud) {
    return new DefaultTemporalConnection(
        b -> b.setGrpcClientInterceptors(List.of(cloud)).setEnableHttps(false));
  }

  private static TemporalOptions options(Map<String, String> env) {
    TemporalOptions o = new TemporalOptions();
    o.taskQueue = "cutover";
    o.useEnvironment(env);
    return o;
  }

  @Test
  void theCliConnectsWithAnApiKeyWithoutTheHealthServiceThatCloudRefuses() {
    CloudLikeFrontend cloud = new CloudLikeFrontend();
    DefaultTemporalConnection connection = cloudLike(cloud);
    try {
      // TLS off only because the test server has none; on Cloud the key turns it on.
      var client =
          connection.client(
              options(
                  Map.of(
                      "TEMPORAL_ADDRESS",
                      "127.0.0.1:" + port,
                      "TEMPORAL_NAMESPACE",
                      "default",
                      "TEMPORAL_API_KEY",
                      KEY,
                      "TEMPORAL_TLS",
                      "false")));

      assertEquals("default", client.getOptions().getNamespace());
      assertTrue(
          cloud.methods.stream().anyMatch(m -> m.endsWith("/DescribeNamespace")),
          cloud.methods.toString());
      assertTrue(
          cloud.methods.stream().noneMatch(m -> m.startsWith("grpc.health.v1.")),
          cloud.methods.toString());
    } finally {
      connection.close();
    }
  }

  @Test
  void aMissingOrWrongKeySaysWhatToCheckAndNeverPrintsTheKey() {
    CloudLikeFrontend cloud = new CloudLikeFrontend();
    DefaultTemporalConnection connection = cloudLike(cloud);
    try {
      CliException e =
          assertThrows(
              CliException.class,
              () ->
                  connection.client(
                      options(
                          Map.of(
                              "TEMPORAL_ADDRESS",
                              "127.0.0.1:" + port,
                              "TEMPORAL_API_KEY",
                              "wrong-Sentinel-77",
                              "TEMPORAL_TLS",
                              "false"))));

      assertEquals(ExitCodes.UNREACHABLE, e.exitCode());
      assertTrue(e.getMessage().contains("TEMPORAL_API_KEY"), e.getMessage());
      assertFalse(e.getMessage().contains("Sentinel"), e.getMessage());
    } finally {
      connection.close();
    }
  }

  @Test
  void anAliasThatContradictsTheStandardNameIsAUsageError() {
    TemporalOptions both =
        options(
            Map.of(
                "TEMPORAL_TARGET", "a.example.com:7233", "TEMPORAL_ADDRESS", "b.example.com:7233"));
    CliException e = assertThrows(CliException.class, both::target);
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertTrue(
        e.getMessage().contains("TEMPORAL_TARGET") && e.getMessage().contains("TEMPORAL_ADDRESS"));
  }
}
