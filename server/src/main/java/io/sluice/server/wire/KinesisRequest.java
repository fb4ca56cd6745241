package io.sluice.server.wire;

import java.util.Map;

/**
 * One HTTP request as the protocol layer sees it, independent of HTTP/1.1 or HTTP/2: header names lower-cased.
 */
public record KinesisRequest(String requestId, String method, String uri, Map<String, String> headers, byte[] body) {

    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }
}
