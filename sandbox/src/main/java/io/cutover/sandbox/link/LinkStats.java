package io.cutover.sandbox.link;

/**
 * Counters of a simulated link, for tests and the demo's summary.
 *
 * @param copiedRecords records copied and acknowledged by the destination, over all mirrors
 * @param offsetMismatches records whose destination offset differed from the source offset (must be
 *     0)
 * @param copierRestarts copier restarts after a failed send to the destination
 * @param offsetSyncRounds interval-driven offset sync rounds run while sync was enabled
 * @param offsetSyncCommits group offset writes made on the destination
 * @param skippedActiveGroups times a group was not synced because it was active on the destination
 * @param finalSyncRounds rounds run for the final syncs of promoted mirrors (several share one)
 */
public record LinkStats(
    long copiedRecords,
    long offsetMismatches,
    long copierRestarts,
    long offsetSyncRounds,
    long offsetSyncCommits,
    long skippedActiveGroups,
    long finalSyncRounds) {}
