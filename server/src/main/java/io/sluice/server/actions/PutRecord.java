package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.core.api.PutRecordRequest;
import io.sluice.core.api.PutRecordResult;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.util.Map;

final class PutRecord extends EngineAction {

    PutRecord(StreamEngine engine) {
        super(engine, "PutRecord", Shapes.struct(
                "Data", Shapes.blob(true, null, 1048576),
                "ExplicitHashKey", Shapes.HASH_KEY.optional(),
                "PartitionKey", Shapes.string(null, 1, 256).required(),
                "SequenceNumberForOrdering", Shapes.SEQUENCE_NUMBER.optional(),
                "StreamARN", Members.STREAM_ARN,
                "StreamName", Members.STREAM_NAME));
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        PutRecordResult result = engine.putRecord(new PutRecordRequest(Members.stream(request),
                request.string("PartitionKey"), request.blob("Data"), request.string("ExplicitHashKey"),
                request.string("SequenceNumberForOrdering")));
        return Wire.struct(
                "ShardId", result.shardId(),
                "SequenceNumber", result.sequenceNumber(),
                "EncryptionType", Wire.encryptionOfRecords(result.encryptionType()));
    }
}
