package io.cutover.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.cli.CliRun;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * {@code cutover sandbox} running in a thread of the test, as in a terminal of its own: what it
 * prints, a keyboard to type knobs on, and Ctrl+C. Other commands run with {@link #run}, as from a
 * second terminal.
 */
final class SandboxRun implements AutoCloseable {
  final ApplicationContext ctx = ApplicationContext.run();
  final String temporal;
  private final PipedOutputStream typed = new PipedOutputStream();
  private final StringWriter printed = new StringWriter();
  private final AtomicInteger exit = new AtomicInteger(-1);
  private final Thread sandbox;

  /** Starts {@code cutover sandbox --port <free port> <args>} and waits until it is ready. */
  SandboxRun(String... args) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    temporal = "127.0.0.1:" + port;
    CommandLine cl = RepositoryCli.commandLine(ctx);
    ((SandboxCommand) cl.getSubcommands().get("sandbox").getCommand()).input =
        new PipedInputStream(typed);
    cl.setOut(new PrintWriter(printed, true));
    cl.setErr(new PrintWriter(printed, true));
    String[] all = new String[args.length + 3];
    all[0] = "sandbox";
    all[1] = "--port";
    all[2] = Integer.toString(port);
    System.arraycopy(args, 0, all, 3, args.length);
    sandbox = new Thread(() -> exit.set(cl.execute(all)));
    sandbox.start();
    awaitPrinted("Ctrl+C stops it", "the sandbox");
  }

  /** Everything the sandbox printed so far. */
  String printed() {
    return printed.toString();
  }

  /** Runs another command against the sandbox's Temporal, as from a second terminal. */
  CliRun run(String... args) {
    return CliRun.run(RepositoryCli.commandLine(ctx), args);
  }

  /** Types a line into the sandbox's terminal. */
  void type(String line) throws IOException {
    typed.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    typed.flush();
  }

  void awaitPrinted(String text, String what) throws InterruptedException {
    await(() -> printed().contains(text), what);
  }

  void await(Supplier<Boolean> done, String what) throws InterruptedException {
    for (int i = 0; i < 600 && !done.get(); i++) {
      Thread.sleep(200);
    }
    assertTrue(done.get(), "timed out waiting for " + what + "; printed:\n" + printed());
  }

  /** Ctrl+C: the sandbox stops and prints its loss report; returns its exit code. */
  int interrupt() throws InterruptedException {
    sandbox.interrupt();
    sandbox.join(120_000);
    assertFalse(sandbox.isAlive(), "the sandbox stops");
    return exit.get();
  }

  @Override
  public void close() throws Exception {
    if (sandbox.isAlive()) {
      interrupt();
    }
    typed.close();
    ctx.close();
  }
}
