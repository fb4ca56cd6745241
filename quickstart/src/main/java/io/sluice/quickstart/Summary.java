package io.sluice.quickstart;

/**
 * What the scenario moved: people put into the first stream, rows the pump passed to the topic and filtered out,
 * and records that landed in the second stream.
 */
public record Summary(int put, int passed, int filteredOut, int landed, double seconds) {
}
