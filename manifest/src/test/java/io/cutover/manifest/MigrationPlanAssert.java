package io.cutover.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Small assertions on parsed manifests shared by several tests. */
final class MigrationPlanAssert {
  private MigrationPlanAssert() {}

  static void kubeContext(ParsedManifest parsed, String expected) {
    assertEquals(expected, ManifestPlans.toPlan(parsed).gateway().kubeContext());
  }
}
