package io.cutover.workflow.wave;

/** The steps of a wave. */
public enum WaveStep {
  VALIDATE("starting the groups' workflows and waiting for each one's VALIDATE"),
  AWAIT_EXECUTE("waiting for the wave's execute"),
  AWAIT_APPROVAL("waiting for the wave's approval"),
  RUN("cutting the groups over, in order, within the concurrency limit and the change window"),
  DONE("every group is cut over");

  private final String description;

  WaveStep(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
