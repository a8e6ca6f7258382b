package io.cutover.activities.support;

import io.cutover.workflow.model.CredentialLook;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.util.Objects;

/**
 * The one place every activity failure leaves the worker: its message and the messages of its
 * causes are recorded in history (and logged by the SDK), and they may quote what a client or an
 * API server said, such as an address with user info. Each is passed through {@link
 * CredentialLook#redact}; a failure with nothing to redact is rethrown unchanged, so types, retry
 * flags, details and Temporal's own exceptions (cancellation) behave as before.
 */
public final class RedactingInterceptor extends WorkerInterceptorBase {

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      @Override
      public ActivityOutput execute(ActivityInput input) {
        try {
          return super.execute(input);
        } catch (RuntimeException e) {
          throw redacted(e);
        }
      }
    };
  }

  /** {@code e} itself when no message in its chain holds a credential, else a redacted copy. */
  public static RuntimeException redacted(RuntimeException e) {
    if (!needsRedaction(e)) {
      return e;
    }
    if ((e instanceof TemporalFailure && !(e instanceof ApplicationFailure))
        || e instanceof ActivityCompletionException) {
      return e; // Temporal's own signals (cancellation, ...) carry no outside text and must keep
      // their class
    }
    return copy(e);
  }

  private static boolean needsRedaction(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = message(t);
      if (m != null && !Objects.equals(m, CredentialLook.redact(m))) {
        return true;
      }
    }
    return false;
  }

  /**
   * An ApplicationFailure keeps its type, retry flag, details and delay; any other exception
   * becomes an ApplicationFailure typed with its class name, which is how Temporal would report it
   * anyway.
   */
  private static ApplicationFailure copy(Throwable t) {
    Throwable cause = t.getCause() == null || t.getCause() == t ? null : copy(t.getCause());
    String message = CredentialLook.redact(message(t));
    ApplicationFailure out =
        t instanceof ApplicationFailure f
            ? ApplicationFailure.newBuilder(f).setMessage(message).setCause(cause).build()
            : ApplicationFailure.newBuilder()
                .setType(t.getClass().getName())
                .setMessage(message)
                .setCause(cause)
                .build();
    out.setStackTrace(t.getStackTrace());
    return out;
  }

  private static String message(Throwable t) {
    return t instanceof TemporalFailure f ? f.getOriginalMessage() : t.getMessage();
  }
}
