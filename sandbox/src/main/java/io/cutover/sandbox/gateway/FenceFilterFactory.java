package io.cutover.sandbox.gateway;

import io.kroxylicious.proxy.filter.Filter;
import io.kroxylicious.proxy.filter.FilterFactory;
import io.kroxylicious.proxy.filter.FilterFactoryContext;
import io.kroxylicious.proxy.plugin.Plugin;
import io.kroxylicious.proxy.plugin.PluginConfigurationException;

/**
 * Kroxylicious plugin (registered in {@code
 * META-INF/services/io.kroxylicious.proxy.filter.FilterFactory}) that puts a {@link FenceFilter} on
 * every client connection of a {@link KroxyGateway}. Its config names the gateway; the fence itself
 * is looked up in {@link FenceRegistry}, so flipping the fence needs no proxy restart.
 */
@Plugin(configType = FenceFilterFactory.Config.class)
public final class FenceFilterFactory implements FilterFactory<FenceFilterFactory.Config, Object> {

  /** Filter config: {@code gateway} is the {@link KroxyGateway#name()} whose fence applies. */
  public record Config(String gateway) {}

  /** Public no-argument constructor, as ServiceLoader requires. */
  public FenceFilterFactory() {}

  /**
   * Resolves the gateway's fence once per proxy start.
   *
   * @throws PluginConfigurationException when no gateway of that name is registered in this JVM
   */
  @Override
  public Object initialize(FilterFactoryContext context, Config config) {
    FenceState state = config == null ? null : FenceRegistry.lookup(config.gateway());
    if (state == null) {
      throw new PluginConfigurationException(
          "no KroxyGateway named "
              + (config == null ? "(missing config.gateway)" : config.gateway())
              + " is running in this JVM; the fence filter only works inside a proxy started by KroxyGateway");
    }
    return state;
  }

  @Override
  public Filter createFilter(FilterFactoryContext context, Object state) {
    return new FenceFilter((FenceState) state);
  }
}
