package io.sluice.core.api;

/** PutRecord. {@code explicitHashKey} and {@code sequenceNumberForOrdering} may be null. */
public record PutRecordRequest(StreamRef stream, String partitionKey, byte[] data, String explicitHashKey,
                               String sequenceNumberForOrdering) {
}
