package io.cutover.workflow.model;

/**
 * Lag of one topic: the sum over its partitions of max(0, source end offset - destination end
 * offset).
 */
public record TopicLag(String topic, long lag) {}
