package io.cutover.workflow.model;

import java.util.List;

/**
 * The workflow result: what ran, how long each step took, how long clients were fenced.
 *
 * @param migration migration name
 * @param attempts execute attempts made
 * @param steps every step of every attempt, with timings
 * @param fencedWindow the fenced window of the completing attempt
 * @param topicCount topics cut over
 * @param promotedTopics topics promoted and confirmed STOPPED
 * @param approvals approvals given
 * @param rollbacks rollbacks before the completing attempt
 * @param compensations compensating actions that ran
 * @param notes things the operator should know (e.g. a cancel that arrived too late to roll back)
 * @param runs how many runs the workflow's continue-as-new chain used
 * @param strandedWrites records written to the source after their mirror stopped; null when not
 *     checked (a run started before the check existed, or the check could not run)
 * @param offsetHandoff how each consumer group's committed offsets were handed to the destination;
 *     null when not done (a run started before the handoff existed, or it could not run)
 */
public record RunReport(
    String migration,
    int attempts,
    List<StepRecord> steps,
    FencedWindow fencedWindow,
    int topicCount,
    int promotedTopics,
    List<Actor> approvals,
    List<RollbackRecord> rollbacks,
    List<CompensationRecord> compensations,
    List<String> notes,
    int runs,
    StrandedWrites strandedWrites,
    OffsetHandoff offsetHandoff) {}
