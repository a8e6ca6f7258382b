package io.cutover.sandbox.link;

/**
 * A mirror topic's {@code mirror_status} (REST v3 mirror topics, docs/sandbox.mdspec {@code
 * MirrorTopicStatus}); the simulator uses the subset a promote walks through, plus FAILED for a
 * copier that cannot go on.
 */
public enum MirrorState {
  /** Actively mirroring: the copier copies every new source record. */
  ACTIVE,
  /** Promote was accepted and is in progress: the copier drains to the promote-time end offsets. */
  PENDING_STOPPED,
  /** Promote completed: mirroring stopped for good, the topic is a regular topic. */
  STOPPED,
  /** Permanently failed (e.g. the source topic vanished); it will not mirror again. */
  FAILED
}
