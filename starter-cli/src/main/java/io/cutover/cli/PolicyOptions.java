package io.cutover.cli;

import io.cutover.workflow.model.PolicyCatalog;
import io.cutover.workflow.model.PolicyDescriptor;
import io.cutover.workflow.model.PolicyOverrides;
import io.cutover.workflow.model.PolicyType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Per-attempt policy overrides for execute: one option per policy, made from its descriptor ({@link
 * PolicyCatalog}), so a new policy has its flag without an edit here. Only options given on the
 * command line override.
 */
final class PolicyOptions {
  private final Map<PolicyDescriptor<?>, OptionSpec> options = new LinkedHashMap<>();

  /** Adds the options while picocli builds the command's model from its annotations. */
  static final class Transformer implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      ((ExecuteCommand) spec.userObject()).policies.addTo(spec);
      return spec;
    }
  }

  void addTo(CommandSpec spec) {
    for (PolicyDescriptor<?> d : PolicyCatalog.ALL) {
      OptionSpec option = option(d);
      spec.addOption(option);
      options.put(d, option);
    }
  }

  /**
   * The option of {@code d}: picocli's own conversion and messages, and Go durations as in
   * manifests.
   */
  static OptionSpec option(PolicyDescriptor<?> d) {
    OptionSpec.Builder b =
        OptionSpec.builder(d.flag())
            .paramLabel(d.type().label())
            .type(d.type().javaType())
            .description(help(d));
    switch (d.type().kind()) {
      case BOOLEAN -> b.arity("0..1").fallbackValue("true");
      case DURATION -> b.converters(new DurationConverter());
      default -> {}
    }
    return b.build();
  }

  private static String help(PolicyDescriptor<?> d) {
    if (d.type().kind() != PolicyType.Kind.ENUM) {
      return d.help();
    }
    return d.help()
        + " One of: "
        + d.type().choices().stream().map(String::valueOf).collect(Collectors.joining(", "))
        + ".";
  }

  PolicyOverrides toOverrides() {
    PolicyOverrides overrides = PolicyOverrides.none();
    for (Map.Entry<PolicyDescriptor<?>, OptionSpec> e : options.entrySet()) {
      overrides = with(overrides, e.getKey(), e.getValue().getValue());
    }
    return overrides;
  }

  private static <T> PolicyOverrides with(
      PolicyOverrides overrides, PolicyDescriptor<T> d, Object value) {
    return overrides.with(d, d.type().javaType().cast(value));
  }
}
