package io.sluice.core.api;

/**
 * One PutRecords result, in request order: shard and sequence number on success, or error code and message
 * (e.g. {@code ProvisionedThroughputExceededException}) when this entry alone failed.
 */
public record PutRecordsResultEntry(String shardId, String sequenceNumber, String errorCode, String errorMessage) {

    public boolean failed() {
        return errorCode != null;
    }
}
