package io.cutover.workflow.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything about one policy but its value: the manifest, the CLI, execute's overrides, the
 * printer and the docs table are all made from these ({@link PolicyCatalog} lists them). The value
 * itself lives in the {@link Policies} and {@link PolicyOverrides} component of the same name,
 * because those records are the wire format of the workflow's history.
 *
 * @param name the manifest key, the record components' name and the JSON name, e.g.
 *     maxPromoteLagWait
 * @param type what kind of value it is
 * @param defaultValue the value when neither the manifest nor execute sets it
 * @param checks the validation rules, in the order their problems are reported
 * @param help the CLI option's description: one short sentence
 * @param doc the docs table's "rules and meaning" (markdown)
 * @param retrySafe whether the retry of a held step may change it (it bounds a wait or sizes a
 *     batch)
 * @param section the manifest mapping that holds it, e.g. spec.defaultPolicies
 * @param extension whether only the cutover apiVersion accepts it (kcp's manifest has no such key)
 */
public record PolicyDescriptor<T>(
    String name,
    PolicyType<T> type,
    T defaultValue,
    List<Check<T>> checks,
    String help,
    String doc,
    boolean retrySafe,
    String section,
    boolean extension) {

  /** Where most policies are written. */
  public static final String DEFAULT_SECTION = "spec.defaultPolicies";

  /** One validation rule over the value (and, for rules that relate policies, all of them). */
  @FunctionalInterface
  public interface Check<T> {
    /**
     * The problem without the field path (e.g. "must be 0 or more, got -1"), or null when the value
     * passes.
     */
    String problem(T value, Policies all);
  }

  public PolicyDescriptor {
    checks = List.copyOf(checks);
  }

  /**
   * A policy of {@code spec.defaultPolicies}, read by both apiVersions, with no rule and no help
   * yet.
   */
  public static <T> PolicyDescriptor<T> of(String name, PolicyType<T> type, T defaultValue) {
    return new PolicyDescriptor<>(
        name, type, defaultValue, List.of(), "", "", false, DEFAULT_SECTION, false);
  }

  /** This policy with {@code check} added after its other rules. */
  public PolicyDescriptor<T> check(Check<T> check) {
    List<Check<T>> more = new ArrayList<>(checks);
    more.add(check);
    return new PolicyDescriptor<>(
        name, type, defaultValue, more, help, doc, retrySafe, section, extension);
  }

  /** This policy with its CLI help and its docs text. */
  public PolicyDescriptor<T> described(String help, String doc) {
    return new PolicyDescriptor<>(
        name, type, defaultValue, checks, help, doc, retrySafe, section, extension);
  }

  /** This policy, which a held step's retry may change. */
  public PolicyDescriptor<T> safeToRetry() {
    return new PolicyDescriptor<>(
        name, type, defaultValue, checks, help, doc, true, section, extension);
  }

  /** This policy, written in {@code mapping} instead of spec.defaultPolicies. */
  public PolicyDescriptor<T> writtenIn(String mapping) {
    return new PolicyDescriptor<>(
        name, type, defaultValue, checks, help, doc, retrySafe, mapping, extension);
  }

  /** This policy, a cutover extension: refused (with a pointer) under the kcp apiVersion. */
  public PolicyDescriptor<T> cutoverOnly() {
    return new PolicyDescriptor<>(
        name, type, defaultValue, checks, help, doc, retrySafe, section, true);
  }

  /** Its value in {@code policies}. */
  public T get(Policies policies) {
    return type.javaType().cast(PolicyRecords.read(policies, name));
  }

  /** Its override in {@code overrides}; null when execute keeps the value in force. */
  public T get(PolicyOverrides overrides) {
    return type.javaType().cast(PolicyRecords.read(overrides, name));
  }

  /** The execute option: the name in lower case with dashes, e.g. --max-promote-lag-wait. */
  public String flag() {
    return "--" + name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** The manifest path of the key, e.g. spec.defaultPolicies.lagThreshold. */
  public String path() {
    return section + "." + name;
  }

  /** Its value in {@code policies} as people see it, e.g. 10m. */
  public String format(Policies policies) {
    return type.format(get(policies));
  }

  /**
   * Every rule's problem with its value in {@code policies}, each prefixed with {@code prefix +
   * name}.
   */
  List<String> problems(Policies policies, String prefix) {
    List<String> found = new ArrayList<>();
    T value = get(policies);
    for (Check<T> c : checks) {
      String problem = c.problem(value, policies);
      if (problem != null) {
        found.add(prefix + name + ": " + problem);
      }
    }
    return found;
  }
}
