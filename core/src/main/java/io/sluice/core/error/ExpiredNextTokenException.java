package io.sluice.core.error;

/** Kinesis {@code ExpiredNextTokenException}: A ListShards / ListStreamConsumers NextToken was issued more than 300 seconds ago. */
public final class ExpiredNextTokenException extends KinesisException {

    public static final String TYPE = "ExpiredNextTokenException";

    public ExpiredNextTokenException(String message) {
        super(TYPE, message);
    }
}
