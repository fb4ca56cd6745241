package io.sluice.core.api;

/** PutRecord's answer. {@code encryptionType} is NONE or KMS as stored for the stream. */
public record PutRecordResult(String shardId, String sequenceNumber, String encryptionType) {
}
