package io.sluice.server.auth;

/** Who signed a request: the access key id from its SigV4 credential scope, and the user it belongs to. */
public record Principal(String accessKeyId, String userName) {
}
