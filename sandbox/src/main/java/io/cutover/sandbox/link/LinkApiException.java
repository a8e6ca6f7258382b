package io.cutover.sandbox.link;

/**
 * A request the simulated link refuses, with the HTTP status and REST {@code error_code} its REST
 * API answers with (body shape of REST v3 error bodies, docs/sandbox.md).
 */
public final class LinkApiException extends RuntimeException {
  private final int httpStatus;
  private final int errorCode;

  public LinkApiException(int httpStatus, int errorCode, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  static LinkApiException badRequest(String message) {
    return new LinkApiException(400, 400, message);
  }

  /**
   * 400 with 40002, the error code Kafka REST uses for a Kafka-side bad request (invalid config).
   */
  static LinkApiException invalidConfig(String message) {
    return new LinkApiException(400, 40002, message);
  }

  static LinkApiException notFound(String message) {
    return new LinkApiException(404, 404, message);
  }

  /** HTTP status to answer with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** REST {@code error_code} to put in the body. */
  public int errorCode() {
    return errorCode;
  }
}
