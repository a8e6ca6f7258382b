package io.cutover.workflow;

/** What the operator can do now, per state: the {@code nextAction} of status and the Web UI. */
final class NextActions {
  private NextActions() {}

  static final String MANUAL_WAY_BACK =
      "The way back to the source is now a new cluster link in the reverse direction"
          + " (destination -> source) mirroring the topics back; do not re-apply the initial gateway CR,"
          + " routing clients back would split the data between the clusters.";

  static String forState(ControlState s, String name, String lastError) {
    String m = name == null ? "<migration>" : name;
    if (s.compensationHeld()) {
      return "The rollback could not complete ("
          + lastError
          + "); clients may still be fenced. Fix the cause,"
          + " then run `cutover rollback "
          + m
          + " --reason ...` to retry it.";
    }
    if (s.held()) {
      return switch (s.step()) {
        case PROMOTE ->
            "Promotion is past the point of no return and failed: fix the cause, then run `cutover"
                + " execute "
                + m
                + "` to retry it. Clients stay fenced until SWITCH. "
                + MANUAL_WAY_BACK;
        case SWITCH ->
            "Topics are promoted but the switch failed: fix the cause (e.g. a Secret the switchover"
                + " CR references), then run `cutover execute "
                + m
                + "` to retry the switch. Clients stay fenced"
                + " until it succeeds. "
                + MANUAL_WAY_BACK;
        default ->
            "Clients are on the destination; restoring the offset sync configuration failed. Fix the"
                + " cause, then run `cutover execute "
                + m
                + "` to retry, or set the consumer.offset.* link configs"
                + " by hand and retry.";
      };
    }
    return switch (s.step()) {
      case VALIDATE -> "Wait: validation is running.";
      case AWAIT_EXECUTE ->
          lastError == null
              ? "Run `cutover execute " + m + "` to start the cutover."
              : "Fix what is listed, then run `cutover execute "
                  + m
                  + "` (it validates again first).";
      case WAIT_FOR_LAG ->
          "Wait for mirror lag to drain; `cutover rollback " + m + "` stops the attempt.";
      case AWAIT_APPROVAL ->
          "Run `cutover approve "
              + m
              + " --reason ...` to fence the gateway, or `cutover"
              + " rollback "
              + m
              + "` to stop.";
      case FENCE, PAUSE_OFFSET_SYNC, VERIFY_FENCE ->
          "Wait: clients are fenced and waiting;"
              + " `cutover rollback "
              + m
              + "` returns them to the source.";
      case PROMOTE ->
          s.pointOfNoReturn()
              ? "Wait: promotion is past the point of no return; rollback is no longer possible."
              : "Wait: lag is draining before the first promote; `cutover rollback "
                  + m
                  + "` still returns"
                  + " clients to the source.";
      case SWITCH, RESTORE_OFFSET_SYNC ->
          "Wait: the cutover is finishing; rollback is no longer possible.";
      case DONE -> "Nothing: the cutover is complete; the run report is the workflow result.";
      case ROLLED_BACK ->
          "Clients are back on the source. Fix the cause, then run `cutover execute "
              + m
              + "` (it validates again first).";
      case FAILED -> "Fix the manifest or the systems as listed, then run `cutover init` again.";
    };
  }
}
