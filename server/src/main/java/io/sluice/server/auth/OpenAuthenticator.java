package io.sluice.server.auth;

import io.sluice.server.protocol.KinesisRequest;

/**
 * Mode {@code open}, for local use: any request with a complete SigV4 signature is accepted without checking
 * it, and the caller is known by its access key id. Requests without a signature are still rejected, as AWS
 * rejects them, so clients that work here work against Kinesis.
 */
public final class OpenAuthenticator implements Authenticator {

    @Override
    public Principal authenticate(KinesisRequest request) {
        SignatureParts parts = SignatureParts.of(request);
        return new Principal(parts.accessKeyId(), parts.accessKeyId());
    }
}
