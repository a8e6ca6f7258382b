package io.cutover.sandbox.link;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failure knobs the tests turn at runtime; {@link ClusterLinkRestServer} and the simulator consult
 * them on every request or promote. All methods are thread-safe and take effect immediately.
 *
 * <p>HTTP faults are answered after authentication and before the request is handled, so a failed
 * request changes nothing (as with a real 429 or 50003). When several are armed, the count-based
 * ones ({@link #failNext}) fire first, then a time window ({@link #failFor}), then a fraction
 * ({@link #failFraction}).
 */
public final class LinkFaults {

  /** An injected HTTP failure, shaped like the real one (REST v3 error bodies, docs/sandbox.md). */
  public enum Fault {
    /** HTTP 500 with {@code {"error_code":50003,...}}: a retriable Kafka error. */
    SERVER_ERROR(500),
    /** HTTP 503 with {@code {"error_code":50003,...}}. */
    SERVICE_UNAVAILABLE(503),
    /** HTTP 429 with a Jetty text/html body (DoSFilter); the body is not JSON. */
    TOO_MANY_REQUESTS(429);

    private final int status;

    Fault(int status) {
      this.status = status;
    }

    /** The HTTP status this fault answers with. */
    public int status() {
      return status;
    }
  }

  /** A per-topic promote error still to hand out. */
  record PromoteError(int errorCode, String message) {}

  private record Armed(Fault fault, String pathContains) {}

  private final java.util.ArrayDeque<Armed> next = new java.util.ArrayDeque<>();
  private Fault windowFault;
  private long windowEndNanos;
  private Fault fractionFault;
  private double fraction;
  private double fractionDebt;
  private Duration latency = Duration.ZERO;
  private boolean rejectAuth;
  private final Map<String, PromoteError> promoteErrors = new HashMap<>();
  private final Map<String, Integer> promoteErrorsLeft = new HashMap<>();
  private final Set<String> heldPendingStopped = new HashSet<>();
  private final Set<String> stalled = new HashSet<>();
  private final AtomicLong injected = new AtomicLong();

  /** Answers the next {@code count} requests, whatever their path, with {@code fault}. */
  public synchronized void failNext(int count, Fault fault) {
    failNext(count, fault, "");
  }

  /**
   * Answers the next {@code count} requests whose path contains {@code pathContains} (e.g. {@code
   * "mirrors:promote"}, {@code "/configs"}) with {@code fault}; other requests pass.
   */
  public synchronized void failNext(int count, Fault fault, String pathContains) {
    for (int i = 0; i < count; i++) {
      next.add(new Armed(fault, pathContains == null ? "" : pathContains));
    }
  }

  /** Answers every request with {@code fault} for {@code window} from now. */
  public synchronized void failFor(Duration window, Fault fault) {
    windowFault = fault;
    windowEndNanos = System.nanoTime() + window.toNanos();
  }

  /**
   * Answers this fraction of requests (0..1) with {@code fault}, deterministically: 0.5 fails every
   * second request, 0.25 every fourth. 0 switches it off.
   */
  public synchronized void failFraction(double fraction, Fault fault) {
    if (fraction < 0 || fraction > 1) {
      throw new IllegalArgumentException("fraction must be within 0..1, got " + fraction);
    }
    this.fraction = fraction;
    this.fractionFault = fault;
    this.fractionDebt = 0;
  }

  /** Delays every request by {@code perRequest} before it is answered (0 switches it off). */
  public synchronized void addLatency(Duration perRequest) {
    this.latency = perRequest;
  }

  /**
   * The next {@code times} promotes of {@code topic} answer, inside the HTTP 200, this per-topic
   * {@code error_code}/{@code error_message} and leave the topic ACTIVE.
   */
  public synchronized void failPromote(
      String topic, int times, int errorCode, String errorMessage) {
    promoteErrors.put(topic, new PromoteError(errorCode, errorMessage));
    promoteErrorsLeft.put(topic, times);
  }

  /**
   * Keeps {@code topic} in PENDING_STOPPED after it has drained, until {@link
   * #releasePendingStopped}.
   */
  public synchronized void holdPendingStopped(String topic) {
    heldPendingStopped.add(topic);
  }

  /** Lets a held topic reach STOPPED (at once if it has drained already). */
  public synchronized void releasePendingStopped(String topic) {
    heldPendingStopped.remove(topic);
  }

  /**
   * Stops copying {@code topic} (the mirror stays ACTIVE, its lag grows as the source moves): a
   * slow or stuck link, for testing lag gates. A promote of a stalled topic stays PENDING_STOPPED.
   */
  public synchronized void stallCopying(String topic) {
    stalled.add(topic);
  }

  /** Lets a stalled copier go on from where it stopped. */
  public synchronized void resumeCopying(String topic) {
    stalled.remove(topic);
  }

  /** While true, every request is answered 401 whatever its credentials (a revoked API key). */
  public synchronized void rejectAuthentication(boolean reject) {
    this.rejectAuth = reject;
  }

  /**
   * Disarms every fault and removes latency, promote errors, holds, stalls and the auth rejection.
   */
  public synchronized void clear() {
    next.clear();
    windowFault = null;
    fractionFault = null;
    fraction = 0;
    latency = Duration.ZERO;
    rejectAuth = false;
    promoteErrors.clear();
    promoteErrorsLeft.clear();
    heldPendingStopped.clear();
    stalled.clear();
  }

  /** How many HTTP faults and promote errors have been handed out so far. */
  public long injectedCount() {
    return injected.get();
  }

  synchronized Duration latency() {
    return latency;
  }

  synchronized boolean authRejected() {
    return rejectAuth;
  }

  /** The fault to answer this request with, if any; consumes a count-based one. */
  synchronized Optional<Fault> nextFault(String path) {
    for (java.util.Iterator<Armed> it = next.iterator(); it.hasNext(); ) {
      Armed a = it.next();
      if (path.contains(a.pathContains())) {
        it.remove();
        injected.incrementAndGet();
        return Optional.of(a.fault());
      }
    }
    if (windowFault != null && System.nanoTime() < windowEndNanos) {
      injected.incrementAndGet();
      return Optional.of(windowFault);
    }
    if (fractionFault != null && fraction > 0) {
      fractionDebt += fraction;
      if (fractionDebt >= 1.0 - 1e-9) {
        fractionDebt -= 1.0;
        injected.incrementAndGet();
        return Optional.of(fractionFault);
      }
    }
    return Optional.empty();
  }

  /** The armed promote error for {@code topic}, if any; consumes one use. */
  synchronized Optional<PromoteError> takePromoteError(String topic) {
    Integer left = promoteErrorsLeft.get(topic);
    if (left == null || left <= 0) {
      return Optional.empty();
    }
    promoteErrorsLeft.put(topic, left - 1);
    injected.incrementAndGet();
    return Optional.of(promoteErrors.get(topic));
  }

  synchronized boolean copyingStalled(String topic) {
    return stalled.contains(topic);
  }

  synchronized boolean holdsPendingStopped(String topic) {
    return heldPendingStopped.contains(topic);
  }
}
