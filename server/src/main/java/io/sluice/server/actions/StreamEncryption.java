package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shapes;
import java.util.Map;

/**
 * StartStreamEncryption and StopStreamEncryption. The encryption type and key id are stored and reported on the
 * stream and its records, as Kinesis reports them; Sluice does not encrypt data at rest because of them (the
 * server README says so).
 */
final class StreamEncryption extends EngineAction {

    private final boolean start;

    private StreamEncryption(StreamEngine engine, boolean start) {
        super(engine, start ? "StartStreamEncryption" : "StopStreamEncryption", Shapes.struct(
                "EncryptionType", Shapes.enumOf("NONE", "KMS").required(),
                "KeyId", Shapes.string(null, 1, 2048).required(),
                "StreamARN", Members.STREAM_ARN,
                "StreamName", Members.STREAM_NAME));
        this.start = start;
    }

    static StreamEncryption start(StreamEngine engine) {
        return new StreamEncryption(engine, true);
    }

    static StreamEncryption stop(StreamEngine engine) {
        return new StreamEncryption(engine, false);
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        if (start) {
            engine.startStreamEncryption(Members.stream(request), request.string("EncryptionType"), request.string("KeyId"));
        } else {
            engine.stopStreamEncryption(Members.stream(request), request.string("EncryptionType"), request.string("KeyId"));
        }
        return Map.of();
    }
}
