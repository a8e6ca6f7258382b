package io.cutover.workflow.activity;

import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.ValidationReport;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** VALIDATE: every pre-flight check, read-only. */
@ActivityInterface
public interface ValidationActivities {

  /**
   * Runs every init check against the live systems and snapshots what the cutover will need.
   *
   * <p>Verifies: the link exists and is ACTIVE; every topic in scope is an ACTIVE mirror on it (all
   * mirrors when the plan lists none); the gateway CR exists, declares the fence routes unfenced,
   * and cross-validates with the switchover CR (routes, endpoints, streaming domains, referenced
   * Secrets) or, for a derived switch, holds what it needs (the target domain, the routes' staged
   * auth, its Secrets); RBAC allows every write the cutover makes; source and destination are
   * reachable with their credentials; with {@code pauseConsumerOffsetSync}, {@code
   * consumer.offset.sync.enable} is "true". Problems are collected, never thrown: the report lists
   * all of them.
   *
   * <p>Idempotent: reads only. Inverse: none needed.
   */
  @ActivityMethod(name = "ValidatePlan")
  ValidationReport validatePlan(MigrationPlan plan);
}
