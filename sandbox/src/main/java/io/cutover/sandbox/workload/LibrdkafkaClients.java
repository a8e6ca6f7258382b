package io.cutover.sandbox.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * librdkafka clients through the gateway beside the Java ones (docs/sandbox.md, "Client
 * libraries"): Debian's {@code python3-confluent-kafka} running {@code rdkafka_clients.py}, a
 * producer and a consumer group of the same shape as {@link Workload}'s, in a child process. Its
 * records (9 bytes, {@code R} and the id) are told apart from the Java clients' in the final log.
 */
public final class LibrdkafkaClients implements AutoCloseable {
  public static final String GROUP = "sandbox-app-rdkafka";

  /** Debian's interpreter: the package installs the module for it, not for other pythons. */
  static final String PYTHON = "/usr/bin/python3";

  public static final String INSTALL_HINT =
      "librdkafka clients need Debian's python3-confluent-kafka (apt-get install -y"
          + " python3-confluent-kafka) for "
          + PYTHON;

  private final String bootstrap;
  private final List<String> topics;
  private final int recordsPerSecond;
  private Process process;
  private BufferedReader out;
  private JsonNode summary;

  public LibrdkafkaClients(String bootstrap, List<String> topics, int recordsPerSecond) {
    this.bootstrap = bootstrap;
    this.topics = List.copyOf(topics);
    this.recordsPerSecond = recordsPerSecond;
  }

  /** True when {@link #PYTHON} can import {@code confluent_kafka}. */
  public static boolean available() {
    try {
      Process p =
          new ProcessBuilder(PYTHON, "-c", "import confluent_kafka")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Starts the child process and waits until its clients run. */
  public void start() throws IOException {
    Path script = Files.createTempFile("cutover-rdkafka-", ".py");
    script.toFile().deleteOnExit();
    try (InputStream in = LibrdkafkaClients.class.getResourceAsStream("rdkafka_clients.py")) {
      if (in == null) {
        throw new IOException("rdkafka_clients.py is missing from the sandbox jar");
      }
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    process =
        new ProcessBuilder(
                PYTHON,
                script.toString(),
                bootstrap,
                String.join(",", topics),
                Integer.toString(recordsPerSecond),
                GROUP)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    if (!"READY".equals(first)) {
      process.destroyForcibly();
      throw new IOException(
          "the librdkafka clients did not start (" + first + "); " + INSTALL_HINT);
    }
  }

  /** Records the producer has had acknowledged so far; call between {@link #start()} and stop. */
  public synchronized long acked() throws IOException {
    process.getOutputStream().write("ACKED\n".getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().flush();
    String line = out.readLine();
    if (line == null || !line.startsWith("ACKED ")) {
      throw new IOException("the librdkafka clients answered '" + line + "' to ACKED");
    }
    return Long.parseLong(line.substring("ACKED ".length()));
  }

  /** Stops producing, lets the consumer catch up (bounded) and reads what the clients saw. */
  public synchronized void stop() throws IOException, InterruptedException {
    process.getOutputStream().close();
    String line = out.readLine();
    process.waitFor(5, TimeUnit.MINUTES);
    if (line == null) {
      throw new IOException("the librdkafka clients ended without a summary");
    }
    summary = new ObjectMapper().readTree(line);
  }

  /** What the clients did, against the final cluster's log. Call after {@link #stop()}. */
  public WorkloadReport truth(String finalBootstrap) {
    Map<Long, Integer> inLog =
        FinalLog.count(
            finalBootstrap,
            topics,
            r -> {
              byte[] v = r.value();
              boolean ours =
                  v != null && v.length == 9 && v[0] == 'R' && java.util.Arrays.equals(r.key(), v);
              return ours ? ByteBuffer.wrap(v, 1, 8).getLong() : null;
            });
    Set<Long> acked = new HashSet<>();
    summary.get("acked").forEach(n -> acked.add(n.asLong()));
    Map<String, Long> failures = new HashMap<>();
    summary
        .get("failures")
        .properties()
        .forEach(e -> failures.put(e.getKey(), e.getValue().asLong()));
    return new WorkloadReport(
        summary.get("sent").asLong(),
        acked.size(),
        summary.get("failed").asLong(),
        acked.stream().filter(id -> !inLog.containsKey(id)).count(),
        inLog.values().stream().filter(n -> n > 1).count(),
        summary.get("redelivered").asLong(),
        summary.get("consumed").asLong(),
        failures,
        summary.get("consumer_errors").asLong());
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
