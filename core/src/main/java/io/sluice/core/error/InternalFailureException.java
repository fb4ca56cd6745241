package io.sluice.core.error;

/**
 * Kinesis {@code InternalFailureException} (HTTP 500) with a message that says what failed, for failures the
 * engine understands: a shard or stream taken out of service by a failed fsync refuses writes with it until the
 * server restarts. (Failures it does not understand are plain exceptions, answered with a generic message.)
 */
public final class InternalFailureException extends KinesisException {

    /** The {@code ErrorCode} of a PutRecords entry that failed this way, as Kinesis spells it. */
    public static final String ENTRY_ERROR_CODE = "InternalFailure";

    public InternalFailureException(String message) {
        super(ErrorKind.INTERNAL_FAILURE, message);
    }
}
