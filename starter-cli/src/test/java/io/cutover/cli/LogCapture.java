package io.cutover.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Everything logged (every logger at DEBUG, with stack traces) and everything written to
 * System.out/err while open, for tests that prove a value is never shown.
 */
final class LogCapture implements AutoCloseable {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Map<Logger, Level> levels = new HashMap<>();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final PrintStream out = System.out;
  private final PrintStream err = System.err;

  static LogCapture start() {
    return new LogCapture();
  }

  private LogCapture() {
    appender.setContext(context);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    for (Logger l : context.getLoggerList()) {
      levels.put(l, l.getLevel());
      l.setLevel(Level.DEBUG);
    }
    System.setOut(new PrintStream(tee(out), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(tee(err), true, StandardCharsets.UTF_8));
  }

  private OutputStream tee(OutputStream original) {
    return new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (console) {
          console.write(b);
        }
        try {
          original.write(b);
        } catch (java.io.IOException e) {
          // the real console is best effort here
        }
      }
    };
  }

  /** Every log line (formatted message and stack trace) and the console output so far. */
  String text() {
    StringBuilder sb = new StringBuilder();
    for (ILoggingEvent e : appender.list.toArray(new ILoggingEvent[0])) {
      sb.append(e.getLoggerName()).append(' ').append(e.getFormattedMessage()).append('\n');
      if (e.getThrowableProxy() != null) {
        sb.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
      }
    }
    synchronized (console) {
      sb.append(console.toString(StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  int events() {
    return appender.list.size();
  }

  @Override
  public void close() {
    System.setOut(out);
    System.setErr(err);
    context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    levels.forEach(Logger::setLevel);
    appender.stop();
  }
}
