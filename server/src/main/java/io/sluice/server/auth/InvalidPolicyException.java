package io.sluice.server.auth;

/** A policy document Sluice cannot enforce as written; the message names the statement and the fix. */
public class InvalidPolicyException extends RuntimeException {

    public InvalidPolicyException(String message) {
        super(message);
    }
}
