package io.cutover.manifest;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * kcp's hot-reload settings, {@code hotReloadTimeout} and {@code gatewayConfigPort} (kcp #405),
 * written among the policies of its later shapes. They are read and checked as kcp checks them, so
 * that a kcp manifest is accepted unchanged; this release confirms every gateway change by the
 * operator's acceptance of its generation and, on a rolling gateway, by the replaced pods, never by
 * each pod's {@code /config} (docs/manifest.md, "Hot-reload settings"), so a warning says that they
 * are not used.
 */
final class GatewayVerification {

  static final String HOT_RELOAD_TIMEOUT = "hotReloadTimeout";
  static final String GATEWAY_CONFIG_PORT = "gatewayConfigPort";
  static final Set<String> KEYS = Set.of(HOT_RELOAD_TIMEOUT, GATEWAY_CONFIG_PORT);

  private GatewayVerification() {}

  /** Checks both keys of {@code policies}; a note goes to {@code warnings} when either is set. */
  static void read(Section policies, List<String> warnings) {
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
    if (policies.present(HOT_RELOAD_TIMEOUT) || policies.present(GATEWAY_CONFIG_PORT)) {
      warnings.add(
          policies.path()
              + ": hotReloadTimeout and gatewayConfigPort are read and checked, but not used: this"
              + " release confirms each gateway change by the operator's acceptance of its generation"
              + " and, on a rolling gateway, the replaced pods; it does not read each pod's /config"
              + " (docs/manifest.md, \"Hot-reload settings\")");
    }
  }
}
