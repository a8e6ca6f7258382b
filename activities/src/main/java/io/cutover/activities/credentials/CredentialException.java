package io.cutover.activities.credentials;

import io.cutover.workflow.activity.FailureTypes;

/**
 * Credentials could not be resolved. The message names the reference and the field, never a value;
 * {@link #failureType()} is the {@link FailureTypes} constant an activity should raise (all of them
 * non-retryable: the operator must fix the credentials).
 */
public final class CredentialException extends RuntimeException {

  private final String failureType;

  public CredentialException(String message, String failureType) {
    super(message);
    this.failureType = failureType;
  }

  /**
   * One of {@link FailureTypes#INVALID_REQUEST}, {@link FailureTypes#NOT_FOUND}, {@link
   * FailureTypes#UNSUPPORTED}.
   */
  public String failureType() {
    return failureType;
  }
}
