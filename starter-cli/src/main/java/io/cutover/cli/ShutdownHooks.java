package io.cutover.cli;

/** Ctrl+C handlers for commands that wait: added while they wait, removed when they are done. */
public final class ShutdownHooks {
  private ShutdownHooks() {}

  public static Thread add(Runnable onCtrlC) {
    Thread hook = new Thread(onCtrlC);
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  public static void remove(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl+C: the hook is running now, which is what it is for.
    }
  }
}
