package io.sluice.core.error;

/** Kinesis {@code ProvisionedThroughputExceededException}: A per-shard throughput limit refused the call (PutRecords reports it per entry instead). */
public final class ProvisionedThroughputExceededException extends KinesisException {

    public ProvisionedThroughputExceededException(String message) {
        super(ErrorKind.PROVISIONED_THROUGHPUT_EXCEEDED, message);
    }
}
