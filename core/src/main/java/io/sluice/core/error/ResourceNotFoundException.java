package io.sluice.core.error;

/** Kinesis {@code ResourceNotFoundException}: The stream, shard or consumer does not exist (or is not readable/writable in its current status). */
public final class ResourceNotFoundException extends KinesisException {

    public ResourceNotFoundException(String message) {
        super(ErrorKind.RESOURCE_NOT_FOUND, message);
    }
}
