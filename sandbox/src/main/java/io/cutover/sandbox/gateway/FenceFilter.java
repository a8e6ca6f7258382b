package io.cutover.sandbox.gateway;

import io.kroxylicious.proxy.filter.FilterContext;
import io.kroxylicious.proxy.filter.RequestFilter;
import io.kroxylicious.proxy.filter.RequestFilterResult;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * Per-connection request filter: while the gateway's fence is closed, answers each fenced request
 * type itself with the fence error (as the protocol's standard error response for that request,
 * i.e. the error on every topic/partition/group it names); forwards everything else unchanged.
 */
final class FenceFilter implements RequestFilter {
  private final FenceState fence;

  FenceFilter(FenceState fence) {
    this.fence = fence;
  }

  @Override
  public CompletionStage<RequestFilterResult> onRequest(
      ApiKeys apiKey, RequestHeaderData header, ApiMessage request, FilterContext ctx) {
    Errors error = fence.admit(apiKey);
    if (error == null) {
      return ctx.forwardRequest(header, request);
    }
    if (request instanceof ProduceRequestData produce && produce.acks() == 0) {
      // acks=0 produce has no response in the protocol: an error reply would desynchronise the
      // client's correlation ids, so the records are dropped (what any unavailable broker does).
      return ctx.requestFilterResultBuilder().drop().completed();
    }
    return ctx.requestFilterResultBuilder()
        .errorResponse(header, request, error.exception())
        .completed();
  }
}
