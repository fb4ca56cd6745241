package io.sluice.server.auth;

import io.sluice.server.wire.KinesisRequest;

/**
 * Mode {@code open}, for local use: any request with a complete, well-formed SigV4 signature is accepted without
 * checking it, and the caller is known by its access key id. Nothing of the values is checked — not the
 * algorithm, the credential scope (any region, any service), the dates nor the signature — so a client set up with
 * any credentials and region works. Requests without a signature are still rejected, as AWS rejects them, so
 * clients that work here sign their requests as Kinesis needs.
 */
public final class OpenAuthenticator implements Authenticator {

    @Override
    public Principal authenticate(KinesisRequest request) {
        SignatureParts parts = SignatureParts.of(request);
        return new Principal(parts.accessKeyId(), parts.accessKeyId());
    }
}
