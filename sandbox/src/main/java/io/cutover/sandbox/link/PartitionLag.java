package io.cutover.sandbox.link;

/**
 * One {@code mirror_lags} entry (REST v3 mirror topics, docs/sandbox.md).
 *
 * @param partition partition number (the same on source and destination)
 * @param lag source end offset minus destination end offset, never below 0
 * @param lastSourceFetchOffset the copier's position on the source partition (next offset it reads)
 */
public record PartitionLag(int partition, long lag, long lastSourceFetchOffset) {}
