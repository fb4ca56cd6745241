package io.sluice.core.api;

import java.util.List;

/** PutRecords' answer: how many entries failed and a result per entry, in request order. */
public record PutRecordsResult(int failedRecordCount, List<PutRecordsResultEntry> records, String encryptionType) {
}
