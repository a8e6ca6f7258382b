package io.cutover.activities.offsets;

import io.cutover.activities.clusterlink.TopicSets;
import io.cutover.activities.credentials.CredentialResolver;
import io.cutover.activities.support.Heartbeat;
import io.cutover.activities.support.Sleeper;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.activity.OffsetActivities;
import io.cutover.workflow.model.CredentialLook;
import io.cutover.workflow.model.LagSnapshot;
import io.cutover.workflow.model.MirrorStops;
import io.cutover.workflow.model.OffsetHandoff;
import io.cutover.workflow.model.StrandedWrites;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link OffsetActivities} on the Kafka Admin client. Sweeps run on a small pool so that source and
 * destination are read concurrently while the activity thread keeps heartbeating (a sweep can take
 * up to the 15 s client timeout, twice).
 *
 * <p>Owns its Admin clients: {@link #close()} when the worker stops.
 */
public class OffsetActivitiesImpl implements OffsetActivities, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OffsetActivitiesImpl.class);

  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

  /** The third consecutive failed sweep fails the lag wait (kcp tolerates two as well). */
  static final int MAX_CONSECUTIVE_FAILURES = 3;

  private final OffsetReader reader;
  private final KafkaAdmins admins;
  private final Duration pollInterval;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Heartbeat heartbeat;
  private final ExecutorService pool;
  private final TopicSets topicSets;

  public OffsetActivitiesImpl(CredentialResolver resolver) {
    this(resolver, DEFAULT_POLL_INTERVAL);
  }

  /**
   * @param pollInterval time between lag sweeps and longest time between heartbeats
   */
  public OffsetActivitiesImpl(CredentialResolver resolver, Duration pollInterval) {
    this(new KafkaAdmins(resolver), pollInterval, Heartbeat.TEMPORAL);
  }

  /** With the given Admin cache (closed by {@link #close()}) and heartbeat callback. */
  public OffsetActivitiesImpl(KafkaAdmins admins, Duration pollInterval, Heartbeat heartbeat) {
    this(admins, pollInterval, heartbeat, TopicSets.namesOnly());
  }

  /**
   * As a worker runs it: topic sets of every mirror on the link are read through {@code topicSets}.
   */
  public OffsetActivitiesImpl(
      KafkaAdmins admins, Duration pollInterval, Heartbeat heartbeat, TopicSets topicSets) {
    this(
        new EndOffsets(admins),
        admins,
        pollInterval,
        Clock.systemUTC(),
        Sleeper.REAL,
        heartbeat,
        topicSets);
  }

  /** Everything injectable but the topic sets (requests must carry their names). */
  public OffsetActivitiesImpl(
      OffsetReader reader,
      KafkaAdmins admins,
      Duration pollInterval,
      Clock clock,
      Sleeper sleeper,
      Heartbeat heartbeat) {
    this(reader, admins, pollInterval, clock, sleeper, heartbeat, TopicSets.namesOnly());
  }

  /** Everything injectable; {@code admins} may be null when {@code reader} needs no Admin. */
  public OffsetActivitiesImpl(
      OffsetReader reader,
      KafkaAdmins admins,
      Duration pollInterval,
      Clock clock,
      Sleeper sleeper,
      Heartbeat heartbeat,
      TopicSets topicSets) {
    this.topicSets = topicSets;
    this.reader = reader;
    this.admins = admins;
    this.pollInterval = pollInterval;
    this.clock = clock;
    this.sleeper = sleeper;
    this.heartbeat = heartbeat;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "cutover-offsets-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * When the wait began: a retry (after failed sweeps) only waits what is left of {@code maxWait},
   * so a long wait plus its retries stays inside the activity's schedule-to-close budget.
   */
  private Instant firstAttemptStart() {
    try {
      var info = Activity.getExecutionContext().getInfo();
      if (info.getAttempt() > 1) {
        return Instant.ofEpochMilli(info.getScheduledTimestamp());
      }
    } catch (IllegalStateException notInAnActivity) {
      // called directly (tests, lag-check): the wait starts now
    }
    return clock.instant();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Two consecutive failed sweeps are tolerated; the third fails with {@code Transient}. An
   * unknown topic ({@code NotFound}), failed authentication or authorization ({@code Unauthorized})
   * or an unusable client config ({@code InvalidRequest}) fail at once: another sweep cannot fix
   * them. After {@code maxWait} the latest successful measurement is returned even if a sweep just
   * failed.
   */
  @Override
  public LagSnapshot awaitLagBelow(LagRequest request) {
    List<String> topics = validate(request);
    Duration maxWait = request.maxWait() == null ? Duration.ZERO : request.maxWait();
    if (topics.isEmpty()) {
      return new LagSnapshot(clock.instant(), 0, 0, 0, List.of(), 0);
    }
    Instant deadline = firstAttemptStart().plus(maxWait);
    LagSnapshot latest = null;
    int failures = 0;
    while (true) {
      Duration wait = pollInterval;
      try {
        latest = sweepLag(request, topics, latest);
        failures = 0;
        heartbeat.beat(latest.forHeartbeat());
        if (latest.withinThreshold()) {
          log.info(
              "Lag within {} on all {} topics (total {})",
              request.threshold(),
              topics.size(),
              latest.totalLag());
          return latest;
        }
        log.info(
            "Waiting for lag to clear: {}/{} topics behind, total lag {}",
            latest.overThreshold(),
            latest.topicCount(),
            latest.totalLag());
        Duration left = Duration.between(clock.instant(), deadline);
        wait = left.compareTo(pollInterval) < 0 ? left : pollInterval;
      } catch (OffsetSweepException e) {
        if (e.kind() != OffsetSweepException.Kind.TRANSIENT) {
          throw toFailure(e);
        }
        failures++;
        log.warn(
            "Offset sweep failed ({}/{} consecutive): {}",
            failures,
            MAX_CONSECUTIVE_FAILURES,
            CredentialLook.redact(e.getMessage()));
        if (failures >= MAX_CONSECUTIVE_FAILURES) {
          throw ApplicationFailure.newFailure(
              "offset sweep failed " + failures + " consecutive times: " + e.getMessage(),
              FailureTypes.TRANSIENT);
        }
      }
      if (latest != null && !clock.instant().isBefore(deadline)) {
        return latest;
      }
      sleepHeartbeating(wait, progress(latest));
    }
  }

  private LagSnapshot sweepLag(LagRequest request, List<String> topics, LagSnapshot latest) {
    CompletableFuture<Map<TopicPartition, Long>> src =
        submit(() -> reader.latestOffsets(request.source(), topics));
    CompletableFuture<Map<TopicPartition, Long>> dst =
        submit(() -> reader.latestOffsets(request.destination(), topics));
    Map<TopicPartition, Long> s = null;
    Map<TopicPartition, Long> d = null;
    OffsetSweepException failure = null;
    try {
      s = awaitHeartbeating(src, progress(latest));
    } catch (OffsetSweepException e) {
      failure = e;
    }
    try {
      d = awaitHeartbeating(dst, progress(latest));
    } catch (OffsetSweepException e) {
      // Report the failure another sweep cannot fix, if either side has one.
      if (failure == null || failure.kind() == OffsetSweepException.Kind.TRANSIENT) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return LagCalculator.snapshot(clock.instant(), topics, s, d, request.threshold());
  }

  /**
   * {@inheritDoc}
   *
   * <p>A failed snapshot fails the activity (no tolerance: a half-observed window proves nothing);
   * {@code Transient} failures are retryable, the others are not.
   */
  @Override
  public UnroutedProducerReport detectUnroutedProducers(DetectRequest request) {
    if (request == null || request.source() == null || request.topics() == null) {
      throw invalid("detectUnroutedProducers needs a source cluster and a topic list");
    }
    if (request.window() == null || request.window().isNegative()) {
      throw invalid("the detection window must be zero or positive, got " + request.window());
    }
    List<String> topics =
        List.copyOf(new LinkedHashSet<>(topicSets.resolve(request.link(), request.topics())));
    if (topics.isEmpty()) {
      Instant now = clock.instant();
      return UnroutedProducerReport.of(now, now, List.of());
    }
    var detector = new UnroutedProducerDetector(clock, sleeper, pollInterval);
    UnroutedProducerDetector.Snapshot snapshot =
        () ->
            awaitHeartbeating(
                submit(() -> reader.latestOffsets(request.source(), topics)),
                "reading source offsets");
    try {
      UnroutedProducerReport report = detector.detect(snapshot, request.window(), heartbeat);
      if (report.clean()) {
        log.info("Source offsets stable for {}: no unrouted producers", request.window());
      } else {
        log.warn(
            "Unrouted producers detected on {} partition(s) of the source",
            report.violations().size());
      }
      return report;
    } catch (OffsetSweepException e) {
      throw toFailure(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure(
          "interrupted during the unrouted-producer window", FailureTypes.TRANSIENT);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Both clusters are read at once; a failed read fails the activity ({@code Transient} failures
   * are retryable): a half-read comparison proves nothing.
   */
  @Override
  public StrandedWrites findStrandedWrites(StrandedRequest request) {
    if (request == null
        || request.source() == null
        || request.destination() == null
        || request.topics() == null) {
      throw invalid("findStrandedWrites needs a source, a destination and a topic list");
    }
    List<String> topics =
        List.copyOf(new LinkedHashSet<>(topicSets.resolve(request.link(), request.topics())));
    if (topics.isEmpty()) {
      return new StrandedWrites(clock.instant(), 0, 0, List.of());
    }
    CompletableFuture<Map<TopicPartition, Long>> dst =
        submit(() -> reader.latestOffsets(request.destination(), topics));
    CompletableFuture<Map<TopicPartition, Long>> src =
        submit(() -> reader.latestOffsets(request.source(), topics));
    try {
      Map<TopicPartition, Long> stoppedAt = awaitHeartbeating(dst, "reading destination offsets");
      Map<TopicPartition, Long> source = awaitHeartbeating(src, "reading source offsets");
      StrandedWrites found = StrandedWriteFinder.compare(clock.instant(), source, stoppedAt);
      String group = request.recordStopsAs();
      if (group != null && admins == null) {
        found =
            found.withStops(
                new MirrorStops(group, found.checkedAt(), 0, "no Kafka Admin client to record it"));
      } else if (group != null) {
        MirrorStopRecord record =
            new MirrorStopRecord(admins.admin(request.destination()), admins::redact);
        Instant at = found.checkedAt();
        found =
            found.withStops(
                awaitHeartbeating(
                    submit(() -> record.write(group, at, stoppedAt)),
                    "recording where the mirrors stopped"));
        if (!found.stops().recorded()) {
          log.warn("Where the mirrors stopped was not recorded: {}", found.stops().problem());
        }
      }
      if (found.any()) {
        log.warn(
            "{} record(s) on {} partition(s) were written to the source after their mirror stopped",
            found.records(),
            found.partitions());
      } else {
        log.info(
            "No record written to the source after its mirror stopped ({} topics)", topics.size());
      }
      return found;
    } catch (OffsetSweepException e) {
      throw toFailure(e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A failed read fails the activity ({@code Transient} failures are retryable, refused access
   * is not).
   */
  @Override
  public StrandedWrites recheckStrandedWrites(RecheckRequest request) {
    if (request == null
        || request.source() == null
        || request.destination() == null
        || request.stops() == null
        || request.stops().group() == null
        || request.stops().recordedAt() == null) {
      throw invalid(
          "recheckStrandedWrites needs a source, a destination and a record of the stops");
    }
    if (admins == null) {
      throw invalid("recheckStrandedWrites needs Kafka Admin clients");
    }
    MirrorStopRecord record =
        new MirrorStopRecord(admins.admin(request.destination()), admins::redact);
    try {
      Map<TopicPartition, Long> stoppedAt =
          awaitHeartbeating(
              submit(() -> record.read(request.stops())), "reading where the mirrors stopped");
      List<String> topics =
          stoppedAt.keySet().stream().map(TopicPartition::topic).distinct().sorted().toList();
      Map<TopicPartition, Long> source =
          awaitHeartbeating(
              submit(() -> reader.latestOffsets(request.source(), topics)),
              "reading source offsets");
      StrandedWrites found = StrandedWriteFinder.compare(clock.instant(), source, stoppedAt);
      if (found.any()) {
        log.warn(
            "{} record(s) on {} partition(s) were written to the source after their mirror stopped",
            found.records(),
            found.partitions());
      }
      return found.withStops(request.stops());
    } catch (OffsetSweepException e) {
      throw toFailure(e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A failed read fails the activity ({@code Transient} failures are retryable, refused access
   * is not); a write that fails is that group's verdict, not the activity's failure.
   */
  @Override
  public OffsetHandoff handOffConsumerOffsets(HandoffRequest request) {
    if (request == null
        || request.source() == null
        || request.destination() == null
        || request.topics() == null) {
      throw invalid("handOffConsumerOffsets needs a source, a destination and a topic list");
    }
    if (admins == null) {
      throw invalid("handOffConsumerOffsets needs Kafka Admin clients");
    }
    Set<String> topics = new LinkedHashSet<>(topicSets.resolve(request.link(), request.topics()));
    if (topics.isEmpty()) {
      return OffsetHandoff.of(clock.instant(), List.of());
    }
    try {
      OffsetHandoff done =
          awaitHeartbeating(
              submit(
                  () ->
                      new GroupOffsetHandoff(
                              admins.admin(request.source()),
                              admins.admin(request.destination()),
                              admins::redact)
                          .run(clock.instant(), topics)),
              "handing over consumer offsets");
      if (done.allMatched()) {
        log.info("Consumer offsets handed over: {}", done.describe());
      } else {
        log.warn("Consumer offsets left different: {}", done.describe());
      }
      return done;
    } catch (OffsetSweepException e) {
      throw toFailure(e);
    }
  }

  private List<String> validate(LagRequest r) {
    if (r == null || r.source() == null || r.destination() == null || r.topics() == null) {
      throw invalid("awaitLagBelow needs a source, a destination and a topic list");
    }
    if (r.threshold() < 0) {
      throw invalid("the lag threshold must be zero or positive, got " + r.threshold());
    }
    if (r.maxWait() != null && r.maxWait().isNegative()) {
      throw invalid("maxWait must be zero or positive, got " + r.maxWait());
    }
    return List.copyOf(new LinkedHashSet<>(topicSets.resolve(r.link(), r.topics())));
  }

  private <T> CompletableFuture<T> submit(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, pool);
  }

  /** What a lag wait heartbeats: the latest measurement, capped (null before the first). */
  private static LagSnapshot progress(LagSnapshot latest) {
    return latest == null ? null : latest.forHeartbeat();
  }

  /** Waits for {@code f}, heartbeating {@code details} every poll interval meanwhile. */
  private <T> T awaitHeartbeating(CompletableFuture<T> f, Object details) {
    while (true) {
      try {
        return f.get(Math.max(1, pollInterval.toMillis()), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        heartbeat.beat(details);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof OffsetSweepException o) {
          throw o;
        }
        if (c instanceof ApplicationFailure a) {
          throw a;
        }
        String why = admins == null ? String.valueOf(c) : admins.redact(KafkaAdmins.rootMessage(c));
        throw new OffsetSweepException(
            OffsetSweepException.Kind.TRANSIENT, "offset sweep failed: " + why);
      } catch (InterruptedException e) {
        f.cancel(true);
        Thread.currentThread().interrupt();
        throw ApplicationFailure.newFailure(
            "interrupted while reading end offsets", FailureTypes.TRANSIENT);
      }
    }
  }

  private void sleepHeartbeating(Duration total, Object details) {
    Instant end = clock.instant().plus(total);
    try {
      while (true) {
        Duration left = Duration.between(clock.instant(), end);
        if (left.isNegative() || left.isZero()) {
          return;
        }
        sleeper.sleep(left.compareTo(pollInterval) < 0 ? left : pollInterval);
        heartbeat.beat(details);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure(
          "interrupted while waiting for lag to clear", FailureTypes.TRANSIENT);
    }
  }

  static ApplicationFailure toFailure(OffsetSweepException e) {
    return switch (e.kind()) {
      case NOT_FOUND ->
          ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.NOT_FOUND);
      case UNAUTHORIZED ->
          ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.UNAUTHORIZED);
      case INVALID ->
          ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.INVALID_REQUEST);
      case TRANSIENT -> ApplicationFailure.newFailure(e.getMessage(), FailureTypes.TRANSIENT);
    };
  }

  private static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(
        message + ": fix the activity input", FailureTypes.INVALID_REQUEST);
  }

  /** Closes the Admin clients and the sweep pool. Idempotent. */
  @Override
  public void close() {
    pool.shutdownNow();
    if (admins != null) {
      admins.close();
    }
  }
}
