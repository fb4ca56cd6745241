package io.sluice.connect.source.config;

import io.sluice.connect.common.config.ConfigChoice;

/**
 * {@code kinesis.position.trimmed.action}: what a task does when its committed position is older than the shard's
 * trim horizon (the records after it expired, so some were never read).
 */
public enum TrimmedPositionAction implements ConfigChoice {
    /** Log a WARN, count it in {@code trimmed-position-resets-total}, and read on from the trim horizon. */
    CONTINUE,
    /** Fail the task, so an operator decides (e.g. by altering the offsets). */
    FAIL
}
