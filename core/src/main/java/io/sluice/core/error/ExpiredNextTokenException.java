package io.sluice.core.error;

/** Kinesis {@code ExpiredNextTokenException}: A ListShards / ListStreamConsumers NextToken was issued more than 300 seconds ago. */
public final class ExpiredNextTokenException extends KinesisException {

    public ExpiredNextTokenException(String message) {
        super(ErrorKind.EXPIRED_NEXT_TOKEN, message);
    }
}
