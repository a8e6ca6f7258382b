package io.cutover.sandbox.workload;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A producer that bypasses the gateway: it writes straight to the source cluster, ten records a
 * second, which is what VERIFY_FENCE exists to catch. Its records are not the {@link Workload}'s
 * and {@link Workload#truth} ignores them.
 */
public final class RogueProducer implements AutoCloseable {
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong sent = new AtomicLong();
  private final Thread thread;

  private RogueProducer(String sourceBootstrap, String topic) {
    thread =
        new Thread(
            () -> {
              try (KafkaProducer<String, String> p =
                  new KafkaProducer<>(
                      Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sourceBootstrap),
                      new StringSerializer(),
                      new StringSerializer())) {
                while (running.get()) {
                  p.send(new ProducerRecord<>(topic, "rogue"), (m, e) -> countIfSent(e));
                  Thread.sleep(100);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "rogue-producer");
    thread.setDaemon(true);
  }

  private void countIfSent(Exception e) {
    if (e == null) {
      sent.incrementAndGet();
    }
  }

  /** Starts writing to {@code topic} on the source. */
  public static RogueProducer start(String sourceBootstrap, String topic) {
    RogueProducer r = new RogueProducer(sourceBootstrap, topic);
    r.thread.start();
    return r;
  }

  /** Records the source acknowledged so far. */
  public long sent() {
    return sent.get();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(10_000);
  }
}
