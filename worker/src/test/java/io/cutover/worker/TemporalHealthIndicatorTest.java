package io.cutover.worker;

import static org.junit.jupiter.api.Assertions.*;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worker's /health asks about its namespace: a frontend that refuses the gRPC health service
 * (Temporal Cloud with an API key) still reads as SERVING.
 */
class TemporalHealthIndicatorTest {

  /** Refuses grpc.health.v1 calls the way Temporal Cloud refuses them to API keys. */
  static final class NoHealthService implements ClientInterceptor {
    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(
        MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
      if (!method.getFullMethodName().startsWith("grpc.health.v1.")) {
        return next.newCall(method, options);
      }
      return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
        @Override
        public void start(Listener<A> listener, Metadata headers) {
          listener.onClose(
              Status.PERMISSION_DENIED.withDescription("Request unauthorized."), new Metadata());
        }

        @Override
        public void request(int n) {}

        @Override
        public void sendMessage(Q message) {}

        @Override
        public void halfClose() {}
      };
    }
  }

  @Test
  void healthReadsServingFromANamespacedCallNotTheHealthService() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (var server = TestServer.createPortBoundServer(port)) {
      var connection =
          TemporalEnvironment.resolve(Map.of("TEMPORAL_ADDRESS", "127.0.0.1:" + port), null, null);
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder(
                      connection.stubOptions(connection.address()).build())
                  .setGrpcClientInterceptors(List.of(new NoHealthService()))
                  .build());
      try {
        var indicator =
            new TemporalHealthIndicator(
                stubs,
                new CutoverWorker(null, new TemporalSettings(), null, java.time.Duration.ZERO, ""),
                new TemporalSettings(),
                connection);

        Map<String, Object> info = indicator.getHealthInformation();

        assertEquals("SERVING", info.get("temporal"), info.toString());
        assertEquals("127.0.0.1:" + port, info.get("target"));
      } finally {
        stubs.shutdownNow();
      }
    }
  }
}
