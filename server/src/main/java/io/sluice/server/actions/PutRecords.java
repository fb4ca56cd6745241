package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.core.api.PutRecordsEntry;
import io.sluice.core.api.PutRecordsResult;
import io.sluice.core.api.PutRecordsResultEntry;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.util.List;
import java.util.Map;

final class PutRecords extends EngineAction {

    PutRecords(StreamEngine engine) {
        super(engine, "PutRecords", Shapes.struct(
                "Records", Shapes.list(true, Shapes.requiredStruct(
                        "Data", Shapes.blob(true, null, 1048576),
                        "ExplicitHashKey", Shapes.HASH_KEY.optional(),
                        "PartitionKey", Shapes.string(null, 1, 256).required()), 1, 500),
                "StreamARN", Members.STREAM_ARN,
                "StreamName", Members.STREAM_NAME));
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        List<Fields> records = request.list("Records");
        List<PutRecordsEntry> entries = records.stream()
                .map(r -> new PutRecordsEntry(r.string("PartitionKey"), r.blob("Data"), r.string("ExplicitHashKey")))
                .toList();
        PutRecordsResult result = engine.putRecords(Members.stream(request), entries);
        return Wire.struct(
                "FailedRecordCount", result.failedRecordCount(),
                "Records", result.records().stream().map(PutRecords::entry).toList(),
                "EncryptionType", Wire.encryptionOfRecords(result.encryptionType()));
    }

    private static Map<String, Object> entry(PutRecordsResultEntry entry) {
        return entry.errorCode() == null
                ? Wire.struct("SequenceNumber", entry.sequenceNumber(), "ShardId", entry.shardId())
                : Wire.struct("ErrorCode", entry.errorCode(), "ErrorMessage", entry.errorMessage());
    }
}
