package io.cutover.sandbox.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands each gateway's {@link FenceState} to the filter instances Kroxylicious creates through
 * ServiceLoader: the proxy instantiates {@link FenceFilterFactory} itself, so the only link between
 * a {@link KroxyGateway} and its filters is the gateway name in the filter's config.
 */
final class FenceRegistry {
  private static final Map<String, FenceState> FENCES = new ConcurrentHashMap<>();

  private FenceRegistry() {}

  static void register(FenceState state) {
    if (FENCES.putIfAbsent(state.gateway(), state) != null) {
      throw new IllegalStateException(
          "a gateway named "
              + state.gateway()
              + " is already running in this JVM; close it or choose another name");
    }
  }

  static FenceState lookup(String gateway) {
    return FENCES.get(gateway);
  }

  static void unregister(String gateway) {
    FENCES.remove(gateway);
  }
}
