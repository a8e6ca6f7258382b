package io.cutover.sandbox.link;

import java.util.List;

/**
 * One topic's entry in a promote answer ({@code data[]} of REST v3 mirrors:promote,
 * docs/sandbox.md). A null error code means the promote was accepted (not completed: the topic goes
 * PENDING_STOPPED, then STOPPED).
 *
 * @param topic the mirror topic name as requested
 * @param errorCode null when accepted; otherwise e.g. 400 (already stopped) or 404 (not a mirror)
 * @param errorMessage null when accepted; the server's text otherwise
 * @param lags the topic's lags when the request was handled; empty for an unknown topic
 */
public record PromoteOutcome(
    String topic, Integer errorCode, String errorMessage, List<PartitionLag> lags) {

  public PromoteOutcome {
    lags = List.copyOf(lags);
  }

  /** True when this topic's promote was accepted. */
  public boolean accepted() {
    return errorCode == null;
  }
}
