package io.cutover.sandbox.link;

/**
 * One link config as {@code GET .../configs} lists it (REST v3 link configs, docs/sandbox.md).
 * Values are strings.
 *
 * @param name config name
 * @param value effective value ("" when unset)
 * @param isDefault true when no dynamic value is set
 * @param isReadOnly true for configs that cannot change after link creation
 * @param isSensitive true for secrets (none in the simulator)
 */
public record LinkConfigEntry(
    String name, String value, boolean isDefault, boolean isReadOnly, boolean isSensitive) {}
