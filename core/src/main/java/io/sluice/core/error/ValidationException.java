package io.sluice.core.error;

/** Kinesis {@code ValidationException}: A field constraint of the API model failed, worded as AWS does ({@code 1 validation error detected: ...}); also manual resharding of ON_DEMAND streams. */
public final class ValidationException extends KinesisException {

    public ValidationException(String message) {
        super(ErrorKind.VALIDATION, message);
    }
}
