package io.cutover.worker;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Lets an appender write only when it is the chosen log format (CUTOVER_LOG_FORMAT,
 * docs/runbook.md, "Logs"). Both appenders stay referenced by the root logger, so logback reports
 * no unreferenced appender and prints no status of its own at every start.
 */
public final class LogFormatFilter extends Filter<ILoggingEvent> {
  private String format = "";
  private String chosen = "plain";

  /** The format of the appender this filter guards. */
  public void setFormat(String format) {
    this.format = format == null ? "" : format.trim();
  }

  /**
   * The format the operator chose; anything but {@code json} is plain, so an unknown value never
   * silences the log.
   */
  public void setChosen(String chosen) {
    this.chosen = chosen != null && chosen.trim().equals("json") ? "json" : "plain";
  }

  @Override
  public FilterReply decide(ILoggingEvent event) {
    return format.equals(chosen) ? FilterReply.NEUTRAL : FilterReply.DENY;
  }
}
