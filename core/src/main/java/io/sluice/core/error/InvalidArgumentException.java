package io.sluice.core.error;

/** Kinesis {@code InvalidArgumentException}: A well-formed request that breaks a business rule: hash keys, sequence numbers, iterators, retention bounds, tokens. */
public final class InvalidArgumentException extends KinesisException {

    public InvalidArgumentException(String message) {
        super(ErrorKind.INVALID_ARGUMENT, message);
    }
}
