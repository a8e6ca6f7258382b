package io.cutover.activities.support;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A failed activity's message and causes reach history without the credential they quoted. */
class RedactingInterceptorTest {
  static final String SENTINEL = "Failure-Sentinel-5e8a";

  @ActivityInterface
  public interface Failing {
    void fail(String how);
  }

  public static final class FailingImpl implements Failing {
    @Override
    public void fail(String how) {
      RuntimeException api = new RuntimeException("answered {\"password\": \"" + SENTINEL + "\"}");
      if (how.equals("application")) {
        throw ApplicationFailure.newNonRetryableFailureWithCause(
            "reading gateway via https://admin:" + SENTINEL + "@k8s:6443 was refused",
            "Unauthorized",
            api,
            "detail");
      }
      if (how.equals("plain")) {
        throw new IllegalStateException(
            "connect to SASL_SSL://app:" + SENTINEL + "@b-1:9096 failed", api);
      }
      throw ApplicationFailure.newNonRetryableFailure("nothing secret here", "NotFound");
    }
  }

  @WorkflowInterface
  public interface Caller {
    @WorkflowMethod
    String call(String how);
  }

  public static final class CallerImpl implements Caller {
    @Override
    public String call(String how) {
      Failing a =
          Workflow.newActivityStub(
              Failing.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(10))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build());
      try {
        a.fail(how);
        return "no failure";
      } catch (ActivityFailure f) {
        ApplicationFailure af = (ApplicationFailure) f.getCause();
        return af.getType()
            + "|"
            + af.isNonRetryable()
            + "|"
            + af.getOriginalMessage()
            + "|"
            + (af.getCause() == null ? "" : af.getCause().getMessage());
      }
    }
  }

  TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new RedactingInterceptor())
                        .build())
                .build());
    Worker w = env.newWorker("q");
    w.registerWorkflowImplementationTypes(CallerImpl.class);
    w.registerActivitiesImplementations(new FailingImpl());
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private String run(String how, String id) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            Caller.class, WorkflowOptions.newBuilder().setTaskQueue("q").setWorkflowId(id).build())
        .call(how);
  }

  @Test
  void anApplicationFailureKeepsItsTypeAndFlagsButNotTheCredential() {
    String seen = run("application", "w1");
    assertTrue(
        seen.startsWith("Unauthorized|true|reading gateway via https://***@k8s:6443 was refused|"),
        seen);
    assertTrue(seen.contains("\"password\": ***"), seen);
    assertFalse(history("w1").contains(SENTINEL), "history of a failed activity");
  }

  @Test
  void anyOtherExceptionIsReportedAsTemporalWouldButRedacted() {
    String seen = run("plain", "w2");
    assertTrue(
        seen.startsWith(
            "java.lang.IllegalStateException|false|connect to SASL_SSL://***@b-1:9096 failed"),
        seen);
    assertFalse(history("w2").contains(SENTINEL));
  }

  @Test
  void aFailureWithNothingToRedactIsUntouched() {
    assertEquals("NotFound|true|nothing secret here|", run("clean", "w3"));
  }

  private String history(String id) {
    String json = env.getWorkflowClient().fetchHistory(id).toJson(true);
    StringBuilder out = new StringBuilder(json);
    Matcher m =
        Pattern.compile("\"data\"\\s*:\\s*\"([A-Za-z0-9+/=]+)(?:\\\\u003d)*\"").matcher(json);
    while (m.find()) {
      out.append('\n').append(new String(Base64.getDecoder().decode(m.group(1)), UTF_8));
    }
    return out.toString();
  }
}
