package io.cutover.sandbox.workload;

import java.util.Map;

/**
 * What the clients did and what the final cluster holds.
 *
 * @param sent records handed to the producer
 * @param acked records the producer acknowledged (callback without error)
 * @param failed records whose send failed (the application saw an error and would have to resend)
 * @param lost acknowledged records missing from the final cluster's log: the number that must be 0
 * @param duplicated records present more than once in the final log
 * @param redelivered deliveries to the consumer group beyond the first, per record, summed
 * @param consumed distinct records the consumer group received
 * @param failures failed sends by exception class
 * @param consumerErrors errors the consumer application saw and carried on after (e.g. refused
 *     commits)
 */
public record WorkloadReport(
    long sent,
    long acked,
    long failed,
    long lost,
    long duplicated,
    long redelivered,
    long consumed,
    Map<String, Long> failures,
    long consumerErrors) {

  public WorkloadReport {
    failures = Map.copyOf(failures);
  }

  /** The figures of the demo's last line. */
  public String resultLine(long fencedMillis) {
    return "RESULT " + figures(fencedMillis);
  }

  /** The demo's line for one client library ({@code java}, {@code librdkafka}). */
  public String resultLine(String client, long fencedMillis) {
    return "RESULT client=" + client + " " + figures(fencedMillis);
  }

  /** Both reports' figures summed (failures by type merged). */
  public WorkloadReport plus(WorkloadReport o) {
    Map<String, Long> f = new java.util.HashMap<>(failures);
    o.failures.forEach((k, v) -> f.merge(k, v, Long::sum));
    return new WorkloadReport(
        sent + o.sent,
        acked + o.acked,
        failed + o.failed,
        lost + o.lost,
        duplicated + o.duplicated,
        redelivered + o.redelivered,
        consumed + o.consumed,
        f,
        consumerErrors + o.consumerErrors);
  }

  private String figures(long fencedMillis) {
    return "fenced_ms="
        + fencedMillis
        + " sent="
        + sent
        + " acked="
        + acked
        + " failed="
        + failed
        + " lost="
        + lost
        + " duplicated="
        + duplicated
        + " redelivered="
        + redelivered;
  }
}
