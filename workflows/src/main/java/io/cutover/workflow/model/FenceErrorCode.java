package io.cutover.workflow.model;

/**
 * The Kafka error the fenced gateway answers with. What matters is how clients treat it: the Java
 * producer retries only {@code RetriableException}s, so a non-retriable code fails in-flight sends.
 */
public enum FenceErrorCode {
  /** Code 8. What the Confluent Gateway documents; not retriable for the Java client. */
  BROKER_NOT_AVAILABLE(8, false),
  /** Code 6. Retriable: Java producers keep every record and wait. */
  NOT_LEADER_OR_FOLLOWER(6, true),
  /** Code 5. Retriable. */
  LEADER_NOT_AVAILABLE(5, true),
  /** Code 19. Retriable. */
  NOT_ENOUGH_REPLICAS(19, true);

  private final int code;
  private final boolean retriableForJava;

  FenceErrorCode(int code, boolean retriableForJava) {
    this.code = code;
    this.retriableForJava = retriableForJava;
  }

  public int code() {
    return code;
  }

  public boolean retriableForJava() {
    return retriableForJava;
  }

  /** What this choice does to clients, said once by init and execute. */
  public String clientImpact() {
    if (retriableForJava) {
      return "Fence error "
          + name()
          + " ("
          + code
          + ") is retriable: Java producers keep their records and"
          + " wait for the fence to lift (within delivery.timeout.ms)."
          + (this == NOT_LEADER_OR_FOLLOWER
              ? " librdkafka 2.0 producers, measured in the sandbox, failed the records they sent"
                  + " while fenced (NOT_LEADER_FOR_PARTITION): docs/sandbox.md, \"Client libraries\"."
              : " librdkafka clients were not measured with this code.");
    }
    return "Fence error "
        + name()
        + " ("
        + code
        + ") is NOT retriable for the Java client: Java producers"
        + " fail the batches they send while fenced (the application sees BrokerNotAvailableException)."
        + " librdkafka 2.0 producers, measured in the sandbox, failed theirs too (BROKER_NOT_AVAILABLE),"
        + " although the vendor guide says they retry it. If your gateway accepts it, set policy"
        + " fenceErrorCode to NOT_LEADER_OR_FOLLOWER so Java producers wait instead"
        + " (docs/sandbox.md, \"Client libraries\").";
  }
}
