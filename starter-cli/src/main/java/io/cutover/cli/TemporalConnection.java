package io.cutover.cli;

import io.temporal.client.WorkflowClient;

/** Gives commands a Temporal client; tests replace it with one on the in-process test server. */
public interface TemporalConnection {
  WorkflowClient client(TemporalOptions options);
}
