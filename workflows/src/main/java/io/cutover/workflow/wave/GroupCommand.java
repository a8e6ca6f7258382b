package io.cutover.workflow.wave;

/**
 * An Update the wave sends to one of its groups.
 *
 * @param workflowId the group's workflow
 * @param attemptBefore the group's attempts when the wave decided to send it: an execute is sent
 *     only while the group still has this many, so a retried activity never starts a second attempt
 * @param updateId deduplicates a re-sent Update on the server
 * @param who the operator the wave acts for
 * @param reason recorded in the group's notes (names the wave)
 */
public record GroupCommand(
    String workflowId, int attemptBefore, String updateId, String who, String reason) {}
