package io.cutover.worker;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

/**
 * The worker process: health ({@code /health}) and Prometheus metrics ({@code /prometheus}) on the
 * HTTP port, the Temporal worker in the background. Stops gracefully on SIGTERM.
 */
public final class WorkerApplication {
  private WorkerApplication() {}

  public static void main(String[] args) {
    ApplicationContext ctx = Micronaut.build(args).mainClass(WorkerApplication.class).start();
    ctx.getBean(CutoverWorker.class).start();
  }
}
