package io.cutover.sandbox.gateway;

import io.kroxylicious.proxy.plugin.Plugin;
import io.kroxylicious.proxy.service.ClusterNetworkAddressConfigProvider;
import io.kroxylicious.proxy.service.ClusterNetworkAddressConfigProviderService;
import io.kroxylicious.proxy.service.HostPort;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kroxylicious network-address plugin (registered in {@code
 * META-INF/services/io.kroxylicious.proxy.service.ClusterNetworkAddressConfigProviderService}):
 * port-identifies-node addressing, like 0.12.0's built-in {@code portIdentifiesNode} gateway, but
 * bound to the loopback interface. The built-in one binds every port on the wildcard address and
 * 0.12.0 offers no bind-address setting for it; the sandbox must listen on 127.0.0.1 only.
 *
 * <p>Bootstrap on {@code localhost:bootstrapPort}, node N on {@code localhost:bootstrapPort+1+N}
 * for N in 0..nodeCount-1, all ports bound (exclusively) at start.
 */
@Plugin(configType = LoopbackPortPerNodeProvider.Config.class)
public final class LoopbackPortPerNodeProvider
    implements ClusterNetworkAddressConfigProviderService<LoopbackPortPerNodeProvider.Config> {

  /** Plugin config: the bootstrap port and how many node ids (0..nodeCount-1) get a port. */
  public record Config(int bootstrapPort, int nodeCount) {}

  /** Public no-argument constructor, as ServiceLoader requires. */
  public LoopbackPortPerNodeProvider() {}

  @Override
  public ClusterNetworkAddressConfigProvider build(Config config) {
    if (config == null
        || config.nodeCount() < 1
        || config.bootstrapPort() < 1
        || config.bootstrapPort() + config.nodeCount() > 65535) {
      throw new IllegalArgumentException(
          "loopback gateway needs bootstrapPort >= 1 and nodeCount >= 1 within 65535, got "
              + config);
    }
    return new Addresses(config.bootstrapPort(), config.nodeCount());
  }

  private record Addresses(int bootstrapPort, int nodeCount)
      implements ClusterNetworkAddressConfigProvider {
    private static final String HOST = "localhost";

    @Override
    public HostPort getClusterBootstrapAddress() {
      return new HostPort(HOST, bootstrapPort);
    }

    @Override
    public HostPort getBrokerAddress(int nodeId) {
      if (nodeId < 0 || nodeId >= nodeCount) {
        throw new IllegalArgumentException(
            "node id "
                + nodeId
                + " is outside the gateway's range 0.."
                + (nodeCount - 1)
                + "; the upstream cluster has node ids this sandbox gateway does not map");
      }
      return new HostPort(HOST, bootstrapPort + 1 + nodeId);
    }

    @Override
    public Integer getBrokerIdFromBrokerAddress(HostPort address) {
      int id = address.port() - bootstrapPort - 1;
      return id >= 0 && id < nodeCount ? id : null;
    }

    @Override
    public Optional<String> getBindAddress() {
      return Optional.of("127.0.0.1");
    }

    @Override
    public Set<Integer> getExclusivePorts() {
      Set<Integer> ports = new LinkedHashSet<>();
      for (int p = bootstrapPort; p <= bootstrapPort + nodeCount; p++) {
        ports.add(p);
      }
      return ports;
    }

    @Override
    public Map<Integer, HostPort> discoveryAddressMap() {
      Map<Integer, HostPort> m = new LinkedHashMap<>();
      for (int id = 0; id < nodeCount; id++) {
        m.put(id, getBrokerAddress(id));
      }
      return m;
    }
  }
}
