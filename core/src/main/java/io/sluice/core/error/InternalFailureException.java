package io.sluice.core.error;

/**
 * Kinesis {@code InternalFailureException} (HTTP 500): the engine could not do what was asked for a reason of its
 * own — a shard that cannot be written (a full disk, a failed fsync). The message says what and why; the SDKs retry.
 */
public final class InternalFailureException extends KinesisException {

    public static final String TYPE = "InternalFailureException";

    public InternalFailureException(String message, Throwable cause) {
        super(TYPE, message, cause);
    }
}
