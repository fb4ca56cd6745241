package io.sluice.server.protocol;

import io.sluice.server.wire.ChunkedBytes;
import io.sluice.server.wire.ErrorType;
import io.sluice.server.wire.KinesisRequest;
import io.sluice.server.wire.KinesisResponse;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The headers AWS puts on every Kinesis reply besides the request id: {@code x-amz-id-2} (an opaque host id, 72
 * random bytes in base64) and, for a browser's request (one with {@code Origin}), CORS: {@code *} for any origin,
 * and the headers a script may read. A browser's preflight {@code OPTIONS} is answered here, before authentication,
 * as AWS answers it: 200, the requested headers and method echoed, cached for two days, no body and no host id.
 * Stateless.
 */
public final class ReplyHeaders {

    static final String HOST_ID = "x-amz-id-2";
    static final String EXPOSED = "x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date";
    private static final int HOST_ID_BYTES = 72;

    private ReplyHeaders() {
    }

    /** Whether this is a browser's CORS preflight, which {@link #preflight} answers. */
    static boolean isPreflight(KinesisRequest request) {
        return "OPTIONS".equals(request.method()) && request.header("origin") != null;
    }

    static KinesisResponse preflight(KinesisRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", "*");
        echo(request, "access-control-request-headers", "Access-Control-Allow-Headers", headers);
        echo(request, "access-control-request-method", "Access-Control-Allow-Methods", headers);
        headers.put("Access-Control-Max-Age", "172800");
        return new KinesisResponse(200, null, ChunkedBytes.of(new byte[0])).withHeaders(headers);
    }

    /** {@code response} with the host id and, when {@code origin} is not null, the CORS headers of a reply. */
    public static KinesisResponse complete(KinesisResponse response, String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HOST_ID, hostId());
        if (origin != null) {
            headers.put("Access-Control-Allow-Origin", "*");
            headers.put("Access-Control-Expose-Headers", EXPOSED);
        }
        return response.withHeaders(headers);
    }

    private static void echo(KinesisRequest request, String asked, String allowed, Map<String, String> headers) {
        String value = request.header(asked);
        if (value != null && value.chars().allMatch(c -> c == '\t' || (c >= ' ' && c < 0x7f))) {
            headers.put(allowed, value); // only plain text goes back: a header value must not carry line breaks
        }
    }

    /** Opaque, not a secret: a fast random source is enough. */
    private static String hostId() {
        byte[] bytes = new byte[HOST_ID_BYTES];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
