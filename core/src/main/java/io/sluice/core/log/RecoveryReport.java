package io.sluice.core.log;

import java.util.List;

/**
 * What {@link ShardLog#open} found and repaired.
 *
 * @param cleanShutdown   whether the log had been closed cleanly (its {@code clean-shutdown} marker was present)
 * @param segments        segments in the log after recovery
 * @param segmentsScanned segments read batch by batch with checksums verified (the last one after an unclean
 *                        stop, plus any whose index files or tail failed their check)
 * @param records         records held in the segment files after recovery (including any below the logical start)
 * @param truncatedBytes  bytes cut off torn or corrupt segment tails
 * @param indexesRebuilt  segments whose two index files were rebuilt from the log
 * @param problems        one line per problem found, naming the file and position
 */
public record RecoveryReport(boolean cleanShutdown, int segments, int segmentsScanned, long records, long truncatedBytes,
                             int indexesRebuilt, List<String> problems) {
    public RecoveryReport {
        problems = List.copyOf(problems);
    }
}
