package io.cutover.workflow.model;

/**
 * What a dry run found ({@code PlanCheckWorkflow}).
 *
 * @param validation VALIDATE's report for the plan as given
 * @param lag one lag measurement over the validated topics; null when validation did not pass
 */
public record PlanCheckReport(ValidationReport validation, LagSnapshot lag) {

  /** Whether a real run would be refused at VALIDATE. */
  public boolean refused() {
    return !validation.passed();
  }

  /** Whether CHECK_LAG would pass at once (it waits otherwise; that is no refusal). */
  public boolean lagWithinThreshold() {
    return lag != null && lag.withinThreshold();
  }
}
