package io.sluice.core.error;

/**
 * Kinesis {@code ServiceUnavailableException} (HTTP 503): the request could not be served now but may succeed when
 * retried (the SDKs retry it), e.g. a write that failed because the disk is full. Nothing of the request was
 * written. In PutRecords an entry of a shard that cannot be written fails alone, with {@code InternalFailure}.
 */
public final class ServiceUnavailableException extends KinesisException {

    public ServiceUnavailableException(String message) {
        super(ErrorKind.SERVICE_UNAVAILABLE, message);
    }
}
