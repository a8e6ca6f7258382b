package io.cutover.workflow;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.CredentialRef;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.ValidationReport;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No secret value is ever part of a workflow input, result, Update, query or history. */
class SecretsTest extends CutoverScenario {
  static final String PASSWORD = "s3cr3t-Pa55word-xyz";
  static final String API_SECRET = "cc-api-SECRET-0123456789";

  @TempDir Path dir;

  /**
   * Like a real activity: it resolves the credentials on the worker and uses them, never returns
   * them.
   */
  static final class ResolvingFake extends FakeSystems {
    volatile String resolved;

    ResolvingFake(List<String> topics) {
      super(topics);
    }

    @Override
    public ValidationReport validatePlan(MigrationPlan plan) {
      try {
        resolved = Files.readString(Path.of(plan.source().credentials().location()));
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
      return super.validatePlan(plan);
    }
  }

  @Override
  protected void registerWorkers() {
    fake = new ResolvingFake(topics());
    super.registerWorkers();
  }

  @Test
  void historyInputsResultsAndStatusCarryReferencesNotSecrets() throws Exception {
    Path creds = dir.resolve("source.yaml");
    Files.writeString(
        creds, "sasl_scram:\n  username: app\n  password: " + PASSWORD + "\n  mechanism: SHA512\n");
    MigrationPlan base = Plans.plan(topics());
    MigrationPlan plan =
        new MigrationPlan(
            base.name(),
            new io.cutover.workflow.model.SourceCluster(
                "apache-kafka", List.of("src:9092"), CredentialRef.file(creds.toString())),
            base.destination(),
            base.linkName(),
            base.gateway(),
            base.topics(),
            base.policies());
    MigrationWorkflow wf = startAndAwaitExecute(plan);
    execute(wf);
    result(wf);

    assertTrue(
        ((ResolvingFake) fake).resolved.contains(PASSWORD),
        "the worker side did resolve the secret");
    String history =
        decodedPayloads(
            client
                .fetchHistory(WorkflowStub.fromTyped(wf).getExecution().getWorkflowId())
                .toJson(true));
    String status =
        new String(
            DefaultDataConverter.newDefaultInstance().toPayload(wf.status()).get().toByteArray(),
            UTF_8);
    for (String secret : List.of(PASSWORD, API_SECRET)) {
      assertFalse(history.contains(secret), "history must not contain a secret");
      assertFalse(status.contains(secret), "status must not contain a secret");
    }
    assertTrue(history.contains(creds.toString()), "the reference (a path) is what travels");
  }

  /**
   * History JSON holds payloads base64-encoded (the proto JSON printer escapes the "=" padding);
   * decode every one so the search sees their text.
   */
  static String decodedPayloads(String historyJson) {
    StringBuilder out = new StringBuilder(historyJson);
    var m =
        Pattern.compile("\"data\"\\s*:\\s*\"([A-Za-z0-9+/=]+)(?:\\\\u003d)*\"")
            .matcher(historyJson);
    while (m.find()) {
      out.append('\n')
          .append(
              new String(
                  java.util.Base64.getDecoder().decode(m.group(1)),
                  java.nio.charset.StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  @Test
  void noModelRecordHasAFieldThatCouldHoldASecretValue() {
    Pattern secretish =
        Pattern.compile("(?i).*(password|secret|apikey|api_key|token|jaas|privatekey).*");
    Set<Class<?>> seen = new HashSet<>();
    Deque<Class<?>> todo =
        new ArrayDeque<>(
            List.of(
                MigrationPlan.class,
                io.cutover.workflow.model.RunReport.class,
                io.cutover.workflow.model.MigrationStatus.class,
                io.cutover.workflow.model.ExecuteRequest.class));
    while (!todo.isEmpty()) {
      Class<?> c = todo.pop();
      if (!c.isRecord() || !seen.add(c)) {
        continue;
      }
      for (RecordComponent rc : c.getRecordComponents()) {
        assertFalse(
            secretish.matcher(rc.getName()).matches(), c.getSimpleName() + "." + rc.getName());
        todo.push(rc.getType());
        if (rc.getGenericType() instanceof java.lang.reflect.ParameterizedType pt) {
          for (var arg : pt.getActualTypeArguments()) {
            if (arg instanceof Class<?> ac) {
              todo.push(ac);
            }
          }
        }
      }
    }
    assertTrue(seen.contains(CredentialRef.class), "walked into the credential references");
  }
}
