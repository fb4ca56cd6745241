package io.sluice.core.error;

/** Kinesis {@code LimitExceededException}: An account or stream limit: open shards, tags, consumers, UpdateShardCount factor and daily rate. */
public final class LimitExceededException extends KinesisException {

    public LimitExceededException(String message) {
        super(ErrorKind.LIMIT_EXCEEDED, message);
    }
}
