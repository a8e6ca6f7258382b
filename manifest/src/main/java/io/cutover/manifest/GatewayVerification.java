package io.cutover.manifest;

import io.cutover.workflow.model.GatewaySpec;
import java.time.Duration;
import java.util.Set;

/**
 * kcp's hot-reload settings, {@code hotReloadTimeout} and {@code gatewayConfigPort} (kcp #405),
 * written among the policies of its later shapes and checked as kcp checks them. They describe the
 * gateway, not the cutover, so they travel in the plan's gateway: on a gateway with hot reload on,
 * each change is confirmed by every pod's {@code /config} on that port within that time
 * (docs/manifest.md, "Hot-reload settings").
 */
final class GatewayVerification {

  static final String HOT_RELOAD_TIMEOUT = "hotReloadTimeout";
  static final String GATEWAY_CONFIG_PORT = "gatewayConfigPort";
  static final Set<String> KEYS = Set.of(HOT_RELOAD_TIMEOUT, GATEWAY_CONFIG_PORT);

  private GatewayVerification() {}

  /** {@code gateway} with the settings {@code policies} writes, after checking both keys. */
  static GatewaySpec read(Section policies, GatewaySpec gateway) {
    Duration timeout = policies.duration(HOT_RELOAD_TIMEOUT);
    if (timeout != null && timeout.isNegative()) {
      policies
          .problems()
          .add(
              policies.path(HOT_RELOAD_TIMEOUT) + ": must not be negative (0s = kcp's 90s budget)");
    }
    Long port = policies.integer(GATEWAY_CONFIG_PORT);
    if (port != null && (port < 0 || port > 65535)) {
      policies
          .problems()
          .add(
              policies.path(GATEWAY_CONFIG_PORT)
                  + ": must be a TCP port from 1 to 65535, or 0 for the gateway's default (9180), got "
                  + port);
    }
    boolean portOk = port != null && port >= 0 && port <= 65535;
    boolean timeoutOk = timeout != null && !timeout.isNegative();
    return gateway.withHotReload(portOk ? port.intValue() : 0, timeoutOk ? timeout : null);
  }
}
