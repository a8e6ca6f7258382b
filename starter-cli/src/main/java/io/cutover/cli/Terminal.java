package io.cutover.cli;

import java.io.Console;

/** Whether the CLI writes to a terminal, so that it may redraw the screen. */
final class Terminal {
  private Terminal() {}

  /**
   * On JDK 17 to 21 {@link System#console()} is null unless both streams are a terminal; from JDK
   * 22 it is never null, and {@code Console.isTerminal()} (JDK 22) says it instead.
   */
  @SuppressWarnings("SystemConsoleNull") // the null test is for JDK 17 to 21, isTerminal for 22 on
  static boolean attached() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // before JDK 22: a console exists only on a terminal
    }
  }
}
