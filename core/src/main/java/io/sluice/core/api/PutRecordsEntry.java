package io.sluice.core.api;

/** One PutRecords entry. {@code explicitHashKey} may be null. */
public record PutRecordsEntry(String partitionKey, byte[] data, String explicitHashKey) {
}
