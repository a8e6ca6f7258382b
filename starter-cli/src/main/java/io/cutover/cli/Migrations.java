package io.cutover.cli;

import io.cutover.workflow.MigrationWorkflow;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.MigrationStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowUpdateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds a migration's workflow by name and talks to it. */
final class Migrations {
  private Migrations() {}

  /** Accepts {@code orders} or {@code migration-orders}. */
  static String nameOf(String arg) {
    return arg.startsWith("migration-") ? arg.substring("migration-".length()) : arg;
  }

  static MigrationWorkflow stub(WorkflowClient client, String name) {
    return client.newWorkflowStub(
        MigrationWorkflow.class, MigrationPlan.workflowIdFor(nameOf(name)));
  }

  /** The execution status of the latest run, or empty when no workflow has this id. */
  static Optional<WorkflowExecutionStatus> describe(WorkflowClient client, String name) {
    return describeExecution(client, name).map(r -> r.getWorkflowExecutionInfo().getStatus());
  }

  /** The latest run as the server describes it (status, pending activities), or empty when none. */
  static Optional<DescribeWorkflowExecutionResponse> describeExecution(
      WorkflowClient client, String name) {
    try {
      return Optional.of(
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(
                          WorkflowExecution.newBuilder()
                              .setWorkflowId(MigrationPlan.workflowIdFor(nameOf(name))))
                      .build()));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  static MigrationStatus status(WorkflowClient client, String name) {
    return read(client, name, MigrationWorkflow::status);
  }

  /**
   * The compact status followers poll (the current attempt only; see {@link
   * MigrationWorkflow#progress()}).
   */
  static MigrationStatus progress(WorkflowClient client, String name) {
    return read(client, name, MigrationWorkflow::progress);
  }

  private static MigrationStatus read(
      WorkflowClient client,
      String name,
      java.util.function.Function<MigrationWorkflow, MigrationStatus> query) {
    // One describe per poll serves both the existence check and the live lag (followers poll
    // often).
    DescribeWorkflowExecutionResponse run =
        describeExecution(client, name).orElseThrow(() -> notFound(name));
    try {
      MigrationStatus s = query.apply(stub(client, name));
      if (s.step() != io.cutover.workflow.CutoverStep.WAIT_FOR_LAG) {
        return s; // PROMOTE's lag checks cover one batch: only WAIT_FOR_LAG's reading speaks for
        // the group
      }
      return LiveLag.of(run, client.getOptions().getDataConverter())
          .map(live -> newer(live, s.lag()) ? s.withLag(live) : s)
          .orElse(s);
    } catch (WorkflowNotFoundException e) {
      throw notFound(name);
    } catch (WorkflowQueryException | io.temporal.client.WorkflowServiceException e) {
      throw noWorker(name, e);
    }
  }

  private static boolean newer(
      io.cutover.workflow.model.LagSnapshot live, io.cutover.workflow.model.LagSnapshot known) {
    return known == null
        || (live.measuredAt() != null && live.measuredAt().isAfter(known.measuredAt()));
  }

  /** Queries and Updates are answered by a worker; without one they time out. */
  static CliException noWorker(String name, Exception e) {
    return new CliException(
        ExitCodes.FAILED,
        "migration "
            + nameOf(name)
            + " did not answer ("
            + rootMessage(e)
            + "): is a Cutover worker polling the task queue? Start one with `cutover worker`, `cutover dev` or"
            + " `docker compose up`.");
  }

  static CliException notFound(String name) {
    return new CliException(
        ExitCodes.NOT_FOUND,
        "no migration named \""
            + nameOf(name)
            + "\" (workflow "
            + MigrationPlan.workflowIdFor(nameOf(name))
            + "). Start one with `cutover init -f <manifest>`;"
            + " `cutover list` shows the existing ones.");
  }

  /**
   * Sends an Update; a refusal (validator) or an ended workflow becomes a {@link CliException} that
   * says why.
   */
  static <T> T update(
      WorkflowClient client, String name, String verb, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (WorkflowUpdateException e) {
      throw new CliException(ExitCodes.FAILED, verb + " refused: " + refusal(e));
    } catch (WorkflowNotFoundException e) {
      String state =
          describe(client, name)
              .map(s -> s.name().replace("WORKFLOW_EXECUTION_STATUS_", ""))
              .orElse(null);
      if (state == null) {
        throw notFound(name);
      }
      throw new CliException(
          ExitCodes.FAILED,
          verb
              + " refused: migration "
              + nameOf(name)
              + " has ended (workflow "
              + state
              + "); `cutover status "
              + nameOf(name)
              + "` shows how it ended.");
    } catch (io.temporal.client.WorkflowServiceException e) {
      throw noWorker(name, e);
    }
  }

  /** The validator's reason for refusing an Update. */
  static String refusal(WorkflowUpdateException e) {
    return rootMessage(e);
  }

  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null) {
      c = c.getCause();
    }
    String m = c.getMessage();
    if (c instanceof io.temporal.failure.ApplicationFailure af) {
      m = af.getOriginalMessage();
    }
    return m;
  }

  /**
   * Visibility queries where the server has them; the legacy open/closed lists otherwise (Java test
   * server).
   */
  static List<WorkflowExecutionInfo> executions(WorkflowClient client) {
    return executions(client, MigrationWorkflow.WORKFLOW_TYPE);
  }

  /** Every execution of workflow type {@code type}, open and closed. */
  static List<WorkflowExecutionInfo> executions(WorkflowClient client, String type) {
    var stub = client.getWorkflowServiceStubs().blockingStub();
    String ns = client.getOptions().getNamespace();
    try {
      return new ArrayList<>(
          stub.listWorkflowExecutions(
                  ListWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(ns)
                      .setQuery("WorkflowType = '" + type + "'")
                      .setPageSize(1000)
                      .build())
              .getExecutionsList());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
    }
    WorkflowTypeFilter filter = WorkflowTypeFilter.newBuilder().setName(type).build();
    List<WorkflowExecutionInfo> all =
        new ArrayList<>(
            stub.listOpenWorkflowExecutions(
                    ListOpenWorkflowExecutionsRequest.newBuilder()
                        .setNamespace(ns)
                        .setTypeFilter(filter)
                        .setMaximumPageSize(1000)
                        .build())
                .getExecutionsList());
    all.addAll(
        stub.listClosedWorkflowExecutions(
                ListClosedWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(ns)
                    .setTypeFilter(filter)
                    .setMaximumPageSize(1000)
                    .build())
            .getExecutionsList());
    // The Java test server (`cutover dev`) ignores the type filter of the legacy lists.
    return all.stream().filter(i -> i.getType().getName().equals(type)).toList();
  }
}
