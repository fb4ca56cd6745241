package io.sluice.server.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/** Error bodies as Kinesis writes them: {@code {"__type": "<Type>", "message": "<text>"}} in the request's format. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static KinesisResponse of(ContentType format, KinesisException error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("__type", error.type().wireName());
        body.put("message", error.getMessage());
        return new KinesisResponse(error.type().httpStatus(), format.mediaType(), BodyCodec.write(format, body));
    }
}
