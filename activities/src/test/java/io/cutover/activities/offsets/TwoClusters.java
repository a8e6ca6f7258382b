package io.cutover.activities.offsets;

import io.cutover.activities.support.Sleeper;
import java.time.Clock;
import java.time.Duration;

/** A source and a destination cluster (PLAINTEXT, in-process) and the offset activities on both. */
final class TwoClusters implements AutoCloseable {
  final TestKafka src;
  final TestKafka dst;
  final OffsetActivitiesImpl impl;

  private TwoClusters(TestKafka src, TestKafka dst) {
    this.src = src;
    this.dst = dst;
    KafkaAdmins admins = new KafkaAdmins(TestKafka.PLAINTEXT);
    this.impl =
        new OffsetActivitiesImpl(
            new EndOffsets(admins),
            admins,
            Duration.ofMillis(50),
            Clock.systemUTC(),
            Sleeper.REAL,
            d -> {});
  }

  static TwoClusters start() throws Exception {
    TestKafka src = TestKafka.plaintext();
    try {
      return new TwoClusters(src, TestKafka.plaintext());
    } catch (Exception e) {
      src.close();
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    try {
      impl.close();
    } finally {
      try {
        src.close();
      } finally {
        dst.close();
      }
    }
  }
}
