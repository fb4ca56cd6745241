package io.sluice.server.auth;

import io.sluice.server.wire.KinesisRequest;

/**
 * Decides who sent a request, or rejects it with one of AWS's authentication errors
 * (MissingAuthenticationToken, IncompleteSignature, InvalidSignature, UnrecognizedClient).
 */
public interface Authenticator {

    Principal authenticate(KinesisRequest request);
}
