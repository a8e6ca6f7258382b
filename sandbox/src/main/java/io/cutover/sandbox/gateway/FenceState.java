package io.cutover.sandbox.gateway;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * The fence of one gateway: whether it is closed, with which error, for which request types, and
 * how many requests it has turned away. Shared between {@link KroxyGateway} (which flips it) and
 * every {@link FenceFilter} instance (one per client connection, on Netty event-loop threads), so
 * every field is either immutable, volatile or a {@link LongAdder}.
 */
final class FenceState {
  private final String gateway;
  private final Set<ApiKeys> apis;
  // Populated once for every fenceable key, then only read: safe to share without locking.
  private final Map<ApiKeys, LongAdder> fenced = new EnumMap<>(ApiKeys.class);
  private volatile Errors error;

  FenceState(String gateway, Set<ApiKeys> apis) {
    if (apis.contains(ApiKeys.API_VERSIONS)) {
      // Clients send ApiVersions first on every connection; rejecting it would look like a broken
      // broker, not a fence, and no real gateway fences the handshake.
      throw new IllegalArgumentException(
          "API_VERSIONS cannot be fenced: remove it from the fenced API keys");
    }
    this.gateway = gateway;
    this.apis = Set.copyOf(apis.isEmpty() ? EnumSet.noneOf(ApiKeys.class) : EnumSet.copyOf(apis));
    for (ApiKeys k : this.apis) {
      fenced.put(k, new LongAdder());
    }
  }

  String gateway() {
    return gateway;
  }

  Set<ApiKeys> apis() {
    return apis;
  }

  /** The error fenced requests get, or {@code null} while the fence is open. */
  Errors error() {
    return error;
  }

  void close(Errors error) {
    this.error = error;
  }

  void open() {
    this.error = null;
  }

  /**
   * Decides one request: returns the error to answer with (and counts it) when the fence is closed
   * and {@code key} is fenced, else {@code null} (forward it).
   */
  Errors admit(ApiKeys key) {
    Errors e = error;
    if (e == null || !apis.contains(key)) {
      return null;
    }
    fenced.get(key).increment();
    return e;
  }

  /** Requests turned away so far, per API key (only keys with a non-zero count). */
  Map<ApiKeys, Long> counts() {
    Map<ApiKeys, Long> out = new EnumMap<>(ApiKeys.class);
    fenced.forEach(
        (k, v) -> {
          long n = v.sum();
          if (n > 0) {
            out.put(k, n);
          }
        });
    return out;
  }

  void resetCounts() {
    fenced.values().forEach(LongAdder::reset);
  }
}
