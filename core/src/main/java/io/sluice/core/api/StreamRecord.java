package io.sluice.core.api;

/** Kinesis {@code Record} as GetRecords returns it. {@code data} belongs to the caller. */
public record StreamRecord(String sequenceNumber, long approximateArrivalTimestampMs, byte[] data,
                           String partitionKey) {
}
