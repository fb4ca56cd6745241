package io.sluice.core.error;

/** Kinesis {@code ExpiredIteratorException}: The shard iterator was issued more than 5 minutes ago. */
public final class ExpiredIteratorException extends KinesisException {

    public ExpiredIteratorException(String message) {
        super(ErrorKind.EXPIRED_ITERATOR, message);
    }
}
